using System.Globalization;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Probe;

/// <summary>The probe's own pauses on a real recorder: waiting for the details to show a change (they may lag), putting a pause back, and stopping where an agent put the couple on hold meanwhile.</summary>
internal sealed partial class Prober
{
    /// <summary>
    /// Puts back a real recorder's couple the probe paused, and waits until its details show it recording; a put-back
    /// refused or not taken is sent once more after a fresh login (the session may have gone). Otherwise the probe stops:
    /// the next read would take its own pause for an agent's hold.
    /// </summary>
    private async Task PutBackOwnPauseAsync(Wire.Wire wire, long couple, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            if (attempt == 2 && mainAccount is not null)
            {
                await wire.LoginAsync(0, mainAccount, cancellationToken);
            }

            await RealWorld.PutBackAsync(wire, 0, couple, false, Settle, cancellationToken);
            if (await ShownAsync(wire, couple, "false", cancellationToken) == true)
            {
                ownPause = false;
                return;
            }
        }

        // A couple whose details are no longer found has ended (calls on a real recorder come and go): there is no couple
        // left to put back, though its call may go on as another (the summary says so).
        var details = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{couple}", cancellationToken: cancellationToken);
        throw new OwnPauseStuckException(details.Status is 204 or 404 or 410 ? details.Status : null);
    }

    /// <summary>The probe's pause could not be put back; <see cref="EndedStatus"/>: the couple's details are no longer found (it has ended).</summary>
    private sealed class OwnPauseStuckException(int? endedStatus) : Exception("the probe's pause could not be put back")
    {
        public int? EndedStatus { get; } = endedStatus;
    }

    /// <summary>
    /// On a real recorder an agent may put the couple on hold while the probe works, and each of the probe's requests
    /// could resume it (a resume meant as a no-op, a value read where the probe did not expect it): before each, the
    /// details must still show the couple recording, as the probe left it, or the probe stops and leaves the hold alone.
    /// The simulator's couples are the kit's own.
    /// </summary>
    private async Task StillRecordingAsync(Wire.Wire wire, long couple, CancellationToken cancellationToken)
    {
        if (target.Control is not null)
        {
            return;
        }

        // Read as the probe's own checks read (details that lag get the settle time to show the probe's last put-back).
        if (await ShownAsync(wire, couple, "false", cancellationToken, afterChange: false) is not true)
        {
            throw new HeldMeanwhileException();
        }
    }

    /// <summary>The probe stops on a couple someone else holds; <see cref="Why"/>: how it knows, where not from a read before its next request.</summary>
    private sealed class HeldMeanwhileException(string? why = null) : Exception("the couple no longer shows recording")
    {
        public string? Why { get; } = why;
    }

    /// <summary>
    /// How long after the last <see cref="ShownAsync"/> began the details read that first showed the state it waited for
    /// was sent (zero: the first read showed it); null when none did, or when the control API told.
    /// </summary>
    private TimeSpan? ShownAfter { get; set; }

    /// <summary>
    /// Whether the couple comes to show paused=<paramref name="want"/>: the control API where there is one, else its
    /// details, read again while they show the other state (details may show a change late). Right after a request that
    /// may have changed it (<paramref name="afterChange"/>) they are read for as long as the kit's final checks read
    /// (fifteen times --settle): a pause taken but shown after --settle must not be read as a place where paused is not
    /// read, nor be left in place as if someone else had paused (PSE-1 says nothing of how soon details show it, and a
    /// lag seen once may grow). Only a change not shown costs that wait; one that shows ends it.
    /// </summary>
    private async Task<bool?> ShownAsync(Wire.Wire wire, long couple, string want, CancellationToken cancellationToken, bool afterChange = true, TimeSpan? patience = null)
    {
        ShownAfter = null;
        if (target.Control is { } control)
        {
            return (await control.PausedStatesAsync(cancellationToken)).Where(c => c.Id == couple).Select(c => (bool?)c.Paused).FirstOrDefault() is { } paused
                ? paused == (want == "true")
                : null;
        }

        patience ??= afterChange ? Commands.DetailsLag.LongestWait(Settle) : Settle;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var told = false;
        string? shown;
        while (true)
        {
            // A read answered slowly shows the state as it was when it was sent (or later): the lag is counted to there, not
            // to its answer, or a recorder whose answers take a second would seem to show every change a second late.
            var sent = waited.Elapsed;
            var details = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{couple}", cancellationToken: cancellationToken);
            shown = details.Status == 200 ? Wire.Documents.Of(details.Body)?.Paused : null;
            if (shown == want)
            {
                ShownAfter = sent;
                if (afterChange)
                {
                    lag = TimeSpan.FromTicks(Math.Max(lag?.Ticks ?? 0, sent.Ticks));
                }
            }

            if (shown is not ("true" or "false") || shown == want || waited.Elapsed >= patience)
            {
                break;
            }

            if (!told && waited.Elapsed >= Settle && Progress is { } progress)
            {
                told = true;
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  couple {couple}'s details still show paused={(want == "true" ? "false" : "true")} after --settle ({Settle.TotalSeconds:0.###} s): reading them again for up to {patience.Value.TotalSeconds:0} s, to tell a change that shows late from one that was not made"));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        return shown is "true" or "false" ? shown == want : null;
    }
}
