namespace PauseResume.Conformance.Targets;

/// <summary>The final audit: every couple the run touched read once more, and any left otherwise than it was found named.</summary>
internal sealed partial class RealWorld
{
    /// <summary>
    /// The audit of a run stopped midway, with the lag that run allows: --settle (<paramref name="settle"/>), or the
    /// longer one it measured before its scenarios or its scenarios met (<see cref="LagSeen"/>), as a finished run's audit
    /// has it; a put-back up to that late may not show yet.
    /// </summary>
    public Task<Audit> AuditStoppedAsync(TimeSpan settle, Profiles.KitProfile? profile)
    {
        var lag = LagSeen > settle ? LagSeen : settle;
        var waiting = lag > settle ? Commands.DetailsLag.WaitingFor(lag) : Commands.DetailsLag.Waiting(settle);
        return AuditAsync(waiting, lag, CancellationToken.None, profile);
    }

    /// <summary>
    /// The final audit: each couple the kit may have paused is as it was found (or has ended); one whose details met a
    /// fault is a problem, since nobody can then say it was put back. Details may show a pause or resume late (how soon
    /// is not documented, PSE-1): one that reads otherwise is read again, as a scenario's pause is, for up to fifteen times
    /// <paramref name="settle"/> (the clean-up's last put-back may have gone out a moment ago) before it counts as left
    /// changed: that claim makes a run not conformant, and a lag the run measured past --settle is no reason for it.
    /// Where the run measured a <paramref name="lag"/>, the first read waits until twice that long has passed since the
    /// last clean-up (since now, where none put anything back): details that lag show a state from before the last
    /// put-back for that long, and one that happens to be the state as found would pass a put-back that was lost.
    /// Where a pause may reach a whole call (<paramref name="profile"/>'s pauseScope, unless measured as couple) and the
    /// run saw the couple's calls change (a conference, a transfer), one that reads otherwise is named for a look by
    /// hand, not as left changed: a pause of the kit's reached it or not as the calls stood at that moment, which no one
    /// can tell, and a put-back of another leg may have changed it after its own.
    /// </summary>
    public async Task<Audit> AuditAsync(TimeSpan settle, TimeSpan lag, CancellationToken cancellationToken, Profiles.KitProfile? profile = null)
    {
        var problems = new List<string>();
        var unread = new List<string>();
        var reader = pauser ?? observer;
        if (Pausable.Count == 0 || reader is null)
        {
            return new Audit(problems, unread);
        }

        if (lag > TimeSpan.Zero)
        {
            var since = touchedAt.Count == 0 ? TimeSpan.Zero : Time.GetElapsedTime(touchedAt.Values.Max());
            var longest = Commands.DetailsLag.LongestWait(settle);
            var stale = (lag * 2 < longest ? lag * 2 : longest) - since;
            if (stale > TimeSpan.Zero)
            {
                await Task.Delay(stale, Time, cancellationToken);
            }
        }

        using var http = target.CreateClient();
        // A read changes nothing: one a fault met is sent again before the couple counts as unread.
        var wire = new Wire.Wire(http, pace, TimeProvider.System) { Attempts = Probe.Prober.RepeatableAttempts };
        if (await DespiteFaultsAsync(() => wire.LoginAsync(0, reader, cancellationToken), attempts: 3) && MayReachCall(profile))
        {
            await FollowCallsAsync(wire, cancellationToken);
        }

        foreach (var id in Pausable)
        {
            var want = found[id] ? "true" : "false";
            Wire.Exchange details;
            string? paused;
            var ended = false;
            try
            {
                details = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{id}", cancellationToken: cancellationToken);
                paused = details.Status == 200 ? Wire.Documents.Of(details.Body)?.Paused : null;
                // DET-3 (inferred, endedCoupleDetails=served): a recorder may go on serving an ended couple's details, with
                // the state it ended in; a call that has ended records nothing, so nothing is left changed (LST-1: the
                // reader, who may pause the couple, would find it listed while in progress). Asked before the wait for
                // details that lag, which an ended couple's never end. So is one whose details are refused: a recorder under
                // refusalOrder=masks-first refuses an ended couple 403 to a reader with phone masks; the reader's list,
                // served and without the couple, says it ended (a 403 to the list says nothing), but only where the reader's
                // masks reach the couple (one they do not reach is refused, and may be left out of the list under
                // unseenCouples=omitted, while in progress) and the observer, who listed every couple the kit may pause,
                // no longer lists it either (a reader given Call List that lacks it may be served an empty list).
                ended = details.Status == 200 && paused != want ? await EndedAsync(wire, id, cancellationToken)
                    : details.Status is not (200 or 204 or 404 or 410) && Reaches(reader, id, profile) && await EndedAsync(wire, id, cancellationToken)
                        && (observer is null || observer.Login == reader.Login || await ListedNowAsync(id, cancellationToken) == false);
                var longest = Commands.DetailsLag.LongestWait(settle);
                for (var waited = System.Diagnostics.Stopwatch.StartNew(); !ended && details.Status == 200 && paused != want && waited.Elapsed < longest;)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
                    details = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{id}", cancellationToken: cancellationToken);
                    paused = details.Status == 200 ? Wire.Documents.Of(details.Body)?.Paused : null;
                }
            }
            catch (Wire.StepFaultException e)
            {
                unread.Add($"couple {id} could not be read to check it is as it was found ({e.Fault}): check it by hand");
                continue;
            }

            // A 404, a 410, or a 204 without a document (endedCoupleStatus=204: details are never granted without one): the
            // couple has ended meanwhile, which a call does on its own (DET-3). Any other refusal leaves its state unknown
            // (a 403: the account that reads may have been locked out, or its login did not take).
            if (!ended && details.Status is not (200 or 204 or 404 or 410))
            {
                unread.Add($"couple {id} could not be read to check it is as it was found (its details answered {details.Status} to {reader.Login}): check it by hand");
            }
            else if (details.Status == 200 && paused != want && unsettled.Contains(id))
            {
                unread.Add($"couple {id} was found {(found[id] ? "paused" : "recording")} and is now paused={paused ?? "unknown"}; a clean-up could not tell whether that was the kit's own earlier request shown late or someone else's change (see the AUDIT NOTEs), and sent it nothing: check it by hand");
            }
            else if (details.Status == 200 && paused != want && MayReachCall(profile) && CallsChanged(id, paused == "true"))
            {
                // PSE-1 under pauseScope=call: a faithful recorder whose calls joined was called not conformant.
                unread.Add($"couple {id} was found {(found[id] ? "paused" : "recording")} and is now paused={paused ?? "unknown"}; it shared a call during the run with a couple the kit asked that state of, and their calls changed (a conference or a transfer), so which of the kit's pauses and put-backs reached it no one can tell (pauseScope={profile?[Profiles.ProfileSettings.PauseScope] ?? "not known"}): check it by hand");
            }
            else if (ended)
            {
                // Ended, its details still served or refused (above): nothing to put back.
            }
            else if (details.Status == 200 && paused != want)
            {
                problems.Add($"couple {id} was found {(found[id] ? "paused" : "recording")} but is now paused={paused ?? "unknown"}");
            }
            else if (details.Status == 200 && found[id] != atStart[id] && changedNearCleanUp.Contains(id))
            {
                unread.Add($"couple {id} was {(atStart[id] ? "paused" : "recording")} when the run began and is left {(found[id] ? "paused" : "recording")}: the kit took a change soon after a clean-up of its call for someone else's (see the AUDIT NOTEs); if no one else made it, {(found[id] ? "resume" : "pause")} it by hand");
            }
        }

        await DespiteFaultsAsync(() => wire.LogoutAsync(0, cancellationToken), attempts: 1);
        return new Audit(problems, [.. doubtful, .. unread]);
    }

    /// <summary>Whether the account's phone masks reach the couple as the run found it (none: every couple), matched as the profile says.</summary>
    private bool Reaches(Model.ModelUser account, long id, Profiles.KitProfile? profile) =>
        account.Masks.Length == 0 || (Couples.FirstOrDefault(c => c.Id == id) is { Known: true } couple && account.MaySee(couple, profile?.MaskSide ?? "either"));

    /// <summary>Whether the reader's unfiltered list leaves the couple out (it has ended); false where the list could not be read.</summary>
    private static async Task<bool> EndedAsync(Wire.Wire wire, long id, CancellationToken cancellationToken)
    {
        try
        {
            var list = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
            return Wire.Documents.Holds(list, id) == false;
        }
        catch (Wire.StepFaultException)
        {
            return false;
        }
    }

    /// <summary>
    /// The final audit: couples shown in another state than they were found in (<paramref name="Changed"/>: left changed,
    /// a run that is not conformant), and couples whose state could not be read (<paramref name="Unchecked"/>: nothing
    /// proven either way; a person must look).
    /// </summary>
    public sealed record Audit(IReadOnlyList<string> Changed, IReadOnlyList<string> Unchecked);
}
