using System.Diagnostics;
using System.Globalization;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// PSE-1 documents that a pause is taken, not how soon the details show it (and <c>&lt;paused&gt;</c> itself is
/// inferred). On a target whose clock the kit does not move (a real recorder, a standalone simulator), a details
/// document that disagrees is read again, for at most <see cref="StepContext.Settle"/> (longer once the run has seen
/// a longer lag), before it counts; then once more, up to <see cref="DetailsLag.LongestWait"/>, unless the run saw a
/// state that never showed. A state that shows within --settle passes (--settle is the lag the run allows; the report
/// says how late the details were), one that shows later is a difference ("details lag", inferred), one that never
/// does breaks PSE-1.
/// </summary>
internal static class Settling
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <param name="modelled">
    /// Whether the state expected is the model's (which couples a pause reaches, how a value was read: inferred, and the
    /// profile may be a guess) rather than the one the kit's own request, taken, asked for: a modelled state that never
    /// shows may be the kit's mistake, so it does not count toward the run's giving up on the longest wait. It once did:
    /// against a recorder that pauses the whole call, two reads of the other leg under pauseScope=couple stopped the long
    /// waits, and a pause shown 0.6 s late was then called PSE-1 broken.
    /// </param>
    public static async Task<Check> PausedAsync(StepContext context, int slot, long coupleId, string what, bool expected, string shown, CancellationToken cancellationToken, bool modelled = false)
    {
        var want = expected ? "true" : "false";
        var check = Check.Equal("PSE-1", what, want, shown);
        if (check.Passed || context.Target.Clock == ClockKind.Virtual || context.Settle <= TimeSpan.Zero)
        {
            return check;
        }

        if (context.Wire.Replaying is not null)
        {
            throw new Wire.RecordingDivergedException(); // a wait on the clock: how many reads it takes is the recorder's timing, not the steps'
        }

        var waited = Stopwatch.StartNew();
        var usual = context.Lag.WaitFor(context.Settle);
        var longest = DetailsLag.LongestWait(context.Settle);

        // The usual wait, then (not shown within it, and the run has not given up on long waits) once more up to the
        // longest: a slow recorder is not a broken one.
        foreach (var limit in context.Lag.WorthWaitingLonger && longest > usual ? [usual, longest] : new[] { usual })
        {
            while (waited.Elapsed < limit)
            {
                await Task.Delay(Interval, cancellationToken);
                // Counted to when the read that shows it was sent, not to its answer: a recorder that answers slowly is not
                // one whose details lag.
                var sent = waited.Elapsed;
                var again = await context.Wire.SendAsync(slot, HttpMethod.Get, $"callrec/restful/couples.xml/{coupleId}", record: false, cancellationToken: cancellationToken);
                var now = again.Status == 200 ? Wire.Documents.Of(again.Body)?.Paused : null;
                if (now == want)
                {
                    context.Lag.Showed(sent);
                    var after = sent.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
                    if (sent <= context.Settle)
                    {
                        // --settle is how late the run lets the details be: within it, the state shown is the one taken.
                        return Check.That("PSE-1", true, $"{what} within --settle", want, $"{shown}, then {want} after {after} ms");
                    }

                    var settle = context.Settle.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
                    var raise = DetailsLag.SettleFor(sent).ToString(CultureInfo.InvariantCulture);
                    return Check.That("PSE-1", false, $"{what} within --settle ({settle} s; how soon the details show it is inferred)", want, $"{shown}, then {want} after {after} ms: details lag, later than --settle {settle} s allows; run with --settle {raise} or more").Inferred() with { Neutral = true, Timing = true };
                }

                if (now is not ("true" or "false"))
                {
                    return check; // the couple ended or the session went: nothing more to learn here
                }
            }

            if (limit == longest && !modelled)
            {
                context.Lag.NeverShowed();
            }
        }

        return check;
    }

    /// <summary>
    /// Whether a state shown as predicted is still shown by a read sent the run's longest allowed lag later
    /// (<see cref="DetailsLag.WaitFor"/>): a read shows the state as it was up to that lag earlier, so only the later one
    /// is known to show the state since an event the kit saw before the first (a join of calls) and not from before it.
    /// Where details cannot lag (the kit moves the clock, or --settle 0 allows no lag) the first read is that read.
    /// </summary>
    public static async Task<bool> StillShownAsync(StepContext context, int slot, long coupleId, string shown, CancellationToken cancellationToken)
    {
        if (context.Target.Clock == ClockKind.Virtual || context.Settle <= TimeSpan.Zero)
        {
            return true;
        }

        if (context.Wire.Replaying is not null)
        {
            throw new Wire.RecordingDivergedException(); // a wait on the clock, which a recording cannot answer
        }

        await Task.Delay(context.Lag.WaitFor(context.Settle), cancellationToken);
        var again = await context.Wire.SendAsync(slot, HttpMethod.Get, $"callrec/restful/couples.xml/{coupleId}", record: false, cancellationToken: cancellationToken);
        return again.Status == 200 && Wire.Documents.Of(again.Body)?.Paused == shown;
    }
}
