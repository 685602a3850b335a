using PauseResume.Conformance.Commands;

namespace PauseResume.Conformance.Concurrency;

/// <summary>
/// How late a recorder's details show a pause or resume, measured once the agents have stopped: one couple is read, set to
/// the other state, read until its details show that, set back and read until they show it again (PSE-1 documents that a
/// pause is taken, not how soon it shows). The final reads of a run measure a lag only by chance (a read of details that
/// lag may match the last write while showing an older one), so this measure is the one a window is judged with.
/// Measured at rest, it may be shorter than a lag under load: a window it does not explain is not called a loss for that.
/// </summary>
internal sealed class LagMeasurement(TimeSpan settle, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The longer of the two lags, from the moment the pause or resume was sent to the answer of the first read that
    /// showed it (zero where the first read after its answer did); null when either was not answered as taken, a read showed no state, or a state did not show within
    /// fifteen times --settle (the couple is then left to the clean-up, which puts it back as found).
    /// </summary>
    /// <param name="run">Sends one operation on the couple and says what came of it.</param>
    public async Task<TimeSpan?> MeasureAsync(Func<OperationKind, CancellationToken, Task<Operation>> run, CancellationToken cancellationToken)
    {
        var first = await run(OperationKind.Read, cancellationToken);
        if (first is not { Outcome: OperationOutcome.Done, Seen: { } was })
        {
            return null;
        }

        var there = await ShownAsync(run, !was, cancellationToken);
        var back = there is null ? null : await ShownAsync(run, was, cancellationToken);
        return there is { } a && back is { } b ? (a > b ? a : b) : null;
    }

    /// <summary>How long after it was sent a pause (or resume) to <paramref name="paused"/> showed; null when it was not taken or never showed.</summary>
    private async Task<TimeSpan?> ShownAsync(Func<OperationKind, CancellationToken, Task<Operation>> run, bool paused, CancellationToken cancellationToken)
    {
        var write = await run(paused ? OperationKind.Pause : OperationKind.Resume, cancellationToken);
        if (write.Outcome != OperationOutcome.Done)
        {
            return null;
        }

        var longest = DetailsLag.LongestWait(settle);
        for (var (started, first) = (time.GetTimestamp(), true); time.GetElapsedTime(started) < longest; first = false)
        {
            var read = await run(OperationKind.Read, cancellationToken);
            if (read is not { Outcome: OperationOutcome.Done, Completed: { } answered })
            {
                return null;
            }

            if (read.Seen == paused)
            {
                // Shown at the first read after the answer: no lag (the time the two requests took is none, and taken
                // for one it would excuse a window of that length on a recorder that loses a pause when two race).
                return first ? TimeSpan.Zero : answered - write.Invoked;
            }

            await Task.Delay(Interval, time, cancellationToken);
        }

        return null;
    }
}
