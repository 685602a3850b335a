using PauseResume.Conformance.Commands;

namespace PauseResume.Conformance.Concurrency;

/// <summary>
/// How late a recorder's details show a pause or resume, measured before the agents start: one couple that is recording
/// is paused, read until its details show that, resumed and read until they show it again (PSE-1 documents that a
/// pause is taken, not how soon it shows). Measured on a couple nobody has just changed, a read cannot show an older
/// write that happens to match: after the agents, details that lag still replay their last seconds of pauses and resumes,
/// and a measurement there took one of those for its own (on a recorder 3 s late, 0–285 ms were measured). The final
/// reads measure a lag only by chance for the same reason. Measured at rest, it may be shorter than a lag under load.
/// </summary>
internal sealed class LagMeasurement(TimeSpan settle, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The lag of the pause and of the resume, each at least: from the answer to the write to the last read sent that did
    /// not show it yet (zero where the first read after the answer showed it). A lower bound: the time a request waits for
    /// its turn under --rate, or takes on the wire, is no lag, and calling a recorder late on it would be a false difference.
    /// </summary>
    public sealed record Lags(TimeSpan Pause, TimeSpan Resume)
    {
        public TimeSpan Shortest => Pause < Resume ? Pause : Resume;

        public TimeSpan Longest => Pause > Resume ? Pause : Resume;
    }

    /// <summary>What came of a measurement: the lags, or why there are none (<see cref="NoState"/>: the couple was not touched, try another).</summary>
    public sealed record Outcome(Lags? Lags, string? Why, bool NoState = false);

    /// <param name="run">Sends one operation on the couple and says what came of it.</param>
    public async Task<Outcome> MeasureAsync(Func<OperationKind, CancellationToken, Task<Operation>> run, CancellationToken cancellationToken)
    {
        var first = await run(OperationKind.Read, cancellationToken);
        if (first is not { Outcome: OperationOutcome.Done, Seen: { } paused })
        {
            return new Outcome(null, "its details showed no paused state", NoState: true);
        }

        if (paused)
        {
            // Someone holds this call: resuming it for a measurement might record what they paused it for (card details).
            return new Outcome(null, "it was paused, and a hold is not resumed to measure the lag", NoState: true);
        }

        var (pause, why) = await ShownAsync(run, paused: true, cancellationToken);
        if (pause is null)
        {
            return new Outcome(null, why);
        }

        var (resume, whyResume) = await ShownAsync(run, paused: false, cancellationToken);
        return resume is null ? new Outcome(null, whyResume) : new Outcome(new Lags(pause.Value, resume.Value), null);
    }

    /// <summary>How late at least a pause (or resume) to <paramref name="paused"/> showed; null, and why, when it was not taken or never showed.</summary>
    private async Task<(TimeSpan? Lag, string? Why)> ShownAsync(Func<OperationKind, CancellationToken, Task<Operation>> run, bool paused, CancellationToken cancellationToken)
    {
        var kind = paused ? "pause" : "resume";
        var write = await run(paused ? OperationKind.Pause : OperationKind.Resume, cancellationToken);
        if (write is not { Outcome: OperationOutcome.Done, Completed: { } answered })
        {
            return (null, write.Outcome == OperationOutcome.Refused ? $"its {kind} was refused ({write.Status})" : $"its {kind} got no answer");
        }

        var longest = DetailsLag.LongestWait(settle);
        TimeSpan? missedAt = null;
        for (var started = time.GetTimestamp(); time.GetElapsedTime(started) < longest;)
        {
            var read = await run(OperationKind.Read, cancellationToken);
            if (read.Outcome != OperationOutcome.Done)
            {
                return (null, $"a read after its {kind} showed no state");
            }

            if (read.Seen == paused)
            {
                return (missedAt is { } missed && missed > answered ? missed - answered : TimeSpan.Zero, null);
            }

            missedAt = read.Invoked;
            await Task.Delay(Interval, time, cancellationToken);
        }

        return (null, FormattableString.Invariant($"its {kind}, answered as taken, did not show within {longest.TotalSeconds:0.#} s (fifteen times --settle)"));
    }
}
