using System.Globalization;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// PSE-1 documents that a pause is taken, not how soon the details show it (and <c>&lt;paused&gt;</c> itself is
/// inferred). On a target whose clock the kit does not move (a real recorder, a standalone simulator), a details
/// document that disagrees is read again, for at most <see cref="StepContext.Waiting"/> (--settle, or the default one
/// under --settle 0; longer once the run has seen a longer lag), before it counts; then once more, up to
/// <see cref="DetailsLag.LongestWait"/>, unless the run saw a state that never showed. A state that shows within
/// --settle passes (--settle is the lag the run allows; the report says how late the details were), one that shows
/// later is a difference ("details lag", inferred), one that never does breaks PSE-1. Under --settle 0 every lag is a
/// difference: it was a PSE-1 failure that a replay, timed otherwise, did not meet again, and the clean-ups took the
/// kit's own late changes for someone else's.
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
        if (check.Passed || context.Target.Clock == ClockKind.Virtual || context.Waiting <= TimeSpan.Zero)
        {
            return check;
        }

        // In a replay from a recording (a diagnosis trying a profile) the reads are the recorded run's, each timed as it was
        // then: a replay that waits as long for the same state reads the same, and one that would read on where that run
        // stopped, or stop where it read on, goes to the recorder (RecordingDivergedException). A recorder that never showed
        // a pause was asked again, with a wait, for each value tried, and a PSE-1 break went unjudged within --budget.
        var recording = context.Wire.Replaying;
        var replaying = recording is not null;
        // A run and its replay read on alike: while the last read was sent within the limit (the first at once).
        var from = context.Wire.LastAnsweredAt; // the read that disagreed
        var lastSent = TimeSpan.Zero;
        var lastStale = TimeSpan.Zero; // when the last read that did not show it yet was sent (the one that disagreed: at once)
        var usual = context.Lag.WaitFor(context.Waiting);
        var longest = DetailsLag.LongestWait(context.Waiting);

        // The usual wait, then (not shown within it, and the run has not given up on long waits) once more up to the
        // longest: a slow recorder is not a broken one.
        foreach (var limit in context.Lag.WorthWaitingLonger && longest > usual ? [usual, longest] : new[] { usual })
        {
            while (lastSent < limit)
            {
                if (!replaying)
                {
                    await Task.Delay(Interval, cancellationToken);
                }

                var again = await context.Wire.SendAsync(slot, HttpMethod.Get, $"callrec/restful/couples.xml/{coupleId}", record: false, cancellationToken: cancellationToken);
                // Counted from the answer that disagreed to when the read that shows it was sent, not to its answer (a
                // recorder that answers slowly is not one whose details lag), by the wire's clock in a run and in its replay alike.
                var sent = lastSent = context.Wire.Between(from, context.Wire.LastSentAt);
                var now = again.Status == 200 ? Wire.Documents.Of(again.Body)?.Paused : null;
                if (now == want)
                {
                    if (!replaying)
                    {
                        context.Lag.Showed(sent); // a replay's reads were counted when they were made
                    }

                    var after = sent.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
                    if (context.Settle > TimeSpan.Zero && lastStale <= context.Settle)
                    {
                        // --settle is how late the run lets the details be: within it, the state shown is the one taken. It
                        // showed between the last read that did not show it and this one: where that one was sent within
                        // --settle, it may have shown within it (reads paced further apart than --settle made any lag late).
                        return Check.That("PSE-1", true, $"{what} within --settle", want, $"{shown}, then {want} after {after} ms");
                    }

                    var settle = context.Settle.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
                    var raise = DetailsLag.SettleFor(sent).ToString(CultureInfo.InvariantCulture);
                    var stale = lastStale.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
                    return Check.That("PSE-1", false, $"{what} within --settle ({settle} s; how soon the details show it is inferred)", want, $"{shown} still {stale} ms later, then {want} after {after} ms: details lag, later than --settle {settle} s allows; run with --settle {raise} or more").Inferred() with { Neutral = true, Timing = true };
                }

                lastStale = sent;

                if (now is not ("true" or "false"))
                {
                    return check; // the couple ended or the session went: nothing more to learn here
                }
            }

            if (limit == longest && !modelled && !replaying)
            {
                context.Lag.NeverShowed();
            }
        }

        if (recording?.NextIs(slot, "GET", $"/callrec/restful/couples.xml/{coupleId}", recorded: false) == true)
        {
            throw new Wire.RecordingDivergedException(); // the recorded run read on where this one stops: a wait is told from it only where both stop alike
        }

        return check;
    }
}
