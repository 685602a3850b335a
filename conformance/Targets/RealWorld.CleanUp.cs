using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Targets;

/// <summary>The clean-up after each scenario: every couple it touched put back as it was found, waited for where details lag, sent again past faults.</summary>
internal sealed partial class RealWorld
{
    /// <summary>
    /// After each run: every slot logs out, and every couple the run touched goes back to the state it was found in, unless
    /// it is now in a state the run never asked for: then someone else changed it (an agent put the call on hold), and
    /// putting it back would undo their pause or resume, so it is left as they set it and said so. A request that meets a
    /// fault (a 503, a cut answer) does not stop the clean-up: the rest still goes out, a restore is tried again, and the
    /// final audit says whether each couple is as it was found.
    /// </summary>
    /// <param name="settle">How long a put-back pause may take to show in the details (--settle) before it is sent in another place.</param>
    /// <param name="inOrder">Whether the wire's requests are every pause and resume the kit sent its couples, one at a time in
    /// the order sent (a scenario's); agents send theirs at once from wires of their own, so which came last is not known.</param>
    public async Task CleanUpAsync(Wire.Wire wire, IReadOnlySet<long> touched, TimeSpan settle, CancellationToken cancellationToken, Profiles.KitProfile? profile = null, bool inOrder = true)
    {
        readByCleanUp = null;
        SawCalls(wire.Transcript);
        // Sessions a slot left behind (it logged in again, or was made to send another id) are logged out too: a recorder
        // that keeps the first of a user's sessions and refuses the next would otherwise hold them against later
        // scenarios, and each would hold a session on a production server until it expired.
        var current = Enumerable.Range(0, ModelState.SlotCount).Select(wire.SessionOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var leftBehind = wire.NotLoggedOut.Where(id => !current.Contains(id)).ToList();
        for (var slot = 0; slot < ModelState.SlotCount; slot++)
        {
            if (wire.SessionOf(slot) is not null)
            {
                await DespiteFaultsAsync(() => wire.LogoutAsync(slot, cancellationToken), attempts: 1);
            }
        }

        foreach (var id in leftBehind)
        {
            wire.UseSession(0, id);
            await DespiteFaultsAsync(() => wire.LogoutAsync(0, cancellationToken), attempts: 1);
        }

        if ((touched.Count == 0 && unrestored.Count == 0) || pauser is null)
        {
            // The calls seen are a scenario's: those of one that sent no pause are no legs for the next one's clean-up (piled
            // up, they would take couples of calls long parted for legs, and put back a hold an agent put on one).
            ForgetCallsBefore();
            return;
        }

        var loggedIn = await DespiteFaultsAsync(() => wire.LoginAsync(0, pauser, cancellationToken), attempts: 3);
        if (loggedIn && MayReachCall(profile) && (callsListedAt is not { } listed || Time.GetElapsedTime(listed) >= CallsListedFor))
        {
            await FollowCallsAsync(wire, cancellationToken);
            callsListedAt = Time.GetTimestamp();
        }

        var own = AskedStates(wire.Sent, profile);
        foreach (var (id, states) in own)
        {
            (askedEver.TryGetValue(id, out var ever) ? ever : askedEver[id] = []).UnionWith(states);
        }

        var ofTheirCalls = WithTheirCalls(own);
        var asked = profile?.PausesWholeCall == true ? ofTheirCalls : own;
        // Whether the kit's pause of one leg may have reached the others (PSE-1's reach, pauseScope, is inferred): not where
        // the probe measured that a pause reaches its couple alone, and there a change to a state asked only of another leg
        // is someone else's doing (an agent's hold), never undone.
        var mayReachCall = MayReachCall(profile);
        HashSet<bool> OfCall(long id) => mayReachCall ? ofTheirCalls.GetValueOrDefault(id, []) : [];
        var kitLeft = inOrder ? KitLeft(wire.Sent, profile, mayReachCall) : null;
        var shownNow = new Dictionary<long, bool>(); // each couple's state as this clean-up last read it (for CouplesNowAsync)
        foreach (var id in touched.Union(unrestored).Union(asked.Keys).Where(found.ContainsKey).ToList())
        {
            bool? now;
            try
            {
                now = await PausedNowAsync(wire, id, cancellationToken);
            }
            catch (Wire.StepFaultException)
            {
                now = null; // unread: put back, as a couple the run changed most likely is
            }

            // The kit's own requests, taken in the order sent, left the couple as it was found (a pause followed by a resume,
            // or none that reached it): a put-back would change nothing the kit did, and could only end a hold an agent put
            // on since the details last showed (details that lag hide a hold for as long as they lag, and a resume sent then
            // ends it), so none is sent. A read of the other state is then the kit's earlier request shown late, or someone else's.
            var states = asked.GetValueOrDefault(id);
            var leftAsFound = kitLeft is not null && !unrestored.Contains(id) && kitLeft.GetValueOrDefault(id, [found[id]]) is { Count: 1 } kitOwn && kitOwn.Contains(found[id]);
            var askedOfIt = (states ?? []).Union(OfCall(id)).ToHashSet();
            if (now is { } shown && shown != found[id])
            {
                // Details may show a change late. The kit's own earlier request is waited for as long as a scenario's pause is.
                // A state this scenario never asked for, on a couple an earlier clean-up dealt with a moment ago, may still
                // be the kit's own earlier pause (a replay's, put back since): read again for as long as a pause is waited for
                // before it counts as someone else's (a refused pause in the next replay let the clean-up take the kit's own
                // pause, shown late, for a hold, and both legs of a real call were left paused).
                var wait = leftAsFound && askedOfIt.Contains(shown) ? Commands.DetailsLag.LongestWait(settle)
                    : !askedOfIt.Contains(shown) && states is not null && touchedAt.TryGetValue(id, out var at) ? Commands.DetailsLag.LongestWait(settle) - Time.GetElapsedTime(at)
                    : TimeSpan.Zero;
                if (wait > TimeSpan.Zero)
                {
                    // Only a wait that ran to its end on readable details tells the two apart: one cut short by a fault or an
                    // answer without a document leaves the couple as it is, sent nothing, its state as found kept.
                    var status = 0; // the last read's: none where a fault met it
                    try
                    {
                        (now, status) = await SettledReadAsync(wire, id, found[id], wait, cancellationToken);
                    }
                    catch (Wire.StepFaultException)
                    {
                        now = null;
                    }

                    if (now is null)
                    {
                        // One that ended meanwhile (calls end all the time) needs nothing, and no note.
                        if (!(status is 404 or 410 || (status is not (0 or 200) && status == profile?.EndedCoupleStatus)))
                        {
                            Unsettled(id, shown, askedOfIt.Contains(shown));
                        }

                        continue;
                    }
                }
            }

            if (now is { } read)
            {
                shownNow[id] = read;
            }

            if (now == found[id])
            {
                unsettled.Remove(id);
            }

            // A couple that reads as found is still put back if the run asked for the other state and may have left it there
            // (a no-op when it is not, PSE-3), and only one that reads as neither is someone else's doing.
            if (now == found[id] && (leftAsFound || (states is not null && !states.Contains(!found[id]))))
            {
                continue;
            }

            // A state asked only of another leg of its call is the kit's own doing where a pause reaches every leg (PSE-1's
            // reach is inferred, pauseScope): taken for someone else's, it was "put back" to paused after the kit's last
            // resume of the other leg, and both legs of a real call were left unrecorded. It is put back, as its own, and
            // noted once: an agent's hold at that moment looks the same.
            if (now is { } state && state != found[id] && (leftAsFound || (states is not null && !states.Contains(state))))
            {
                if (leftAsFound || !OfCall(id).Contains(state))
                {
                    LeaveToSomeoneElse(id, state, settle, askedOfIt.Contains(state) ? "which the kit asked for but undid with a later request" : "which the kit never asked for");
                    continue;
                }

                if (putBackAsCallMate.Add(id))
                {
                    notes.Add($"couple {id} was {(found[id] ? "paused" : "recording")} before a scenario and is now {(state ? "paused" : "recording")}, which the kit asked only of another leg of its call: the kit took it for its own {(state ? "pause" : "resume")} reaching every leg (pauseScope is inferred{(profile?.Measured.Contains(Profiles.ProfileSettings.PauseScope) == true ? string.Empty : " and was not measured")}) and put it back to {(found[id] ? "paused" : "recording")}: if an agent {(state ? "paused" : "resumed")} the call at that moment, {(state ? "pause" : "resume")} it again by hand (noted once; later clean-ups do the same)");
                }
            }

            if (leftAsFound)
            {
                continue; // unread (it may have ended): nothing the kit did is left to undo
            }

            // A put-back refused (a 400 under a guessed profile, a 403) restored nothing: the couple is sent it again after
            // the next scenario, and its state as found is never taken from a read meanwhile. One that ended needs none.
            var answer = 0;
            (askedEver.TryGetValue(id, out var ever) ? ever : askedEver[id] = []).Add(found[id]); // a put-back reaches the call as the scenario's requests did
            var restored = await DespiteFaultsAsync(async () => answer = (await PutBackAsync(wire, 0, id, found[id], settle, cancellationToken, profile)).Status, attempts: 3)
                && (answer is >= 200 and < 300 or 404 or 410 || answer == profile?.UnchangedPauseStatus || answer == profile?.EndedCoupleStatus);
            if (restored)
            {
                unrestored.Remove(id);
                putBack.Add(id);
            }
            else
            {
                unrestored.Add(id);
            }
        }

        // A change the kit made may show on the other legs of the call too, and as late as on the couple itself.
        // A couple put back that the scenario did not touch (a restore refused before, sent again now) may show late too.
        var dealt = touched.Union(putBack).ToHashSet();
        foreach (var id in dealt.SelectMany(LegsOf).Union(dealt).Where(found.ContainsKey).ToList())
        {
            touchedAt[id] = Time.GetTimestamp();
        }

        ForgetCallsBefore();

        // Logged in as the pauser already: each couple the kit may pause is read here (where the loop above has not just
        // read it), once, for a scenario that may follow at once (CouplesNowAsync), which alone makes anything of it. Not
        // after a put-back (details that lag show a couple as it was before it for a while), nor after agents (the audit
        // follows them).
        if (loggedIn && inOrder && putBack.Count == 0)
        {
            try
            {
                var paused = new Dictionary<long, bool?>();
                foreach (var id in Pausable.Where(id => !unrestored.Contains(id)))
                {
                    paused[id] = shownNow.TryGetValue(id, out var read) ? read : await PausedNowAsync(wire, id, cancellationToken);
                }

                readByCleanUp = (Time.GetTimestamp(), paused);
            }
            catch (Wire.StepFaultException)
            {
            }
        }

        await DespiteFaultsAsync(() => wire.LogoutAsync(0, cancellationToken), attempts: 1);
    }

    /// <summary>A couple read in another state than found whose details could not be read to the end of the wait for the kit's own request: sent nothing, found kept, said so.</summary>
    private void Unsettled(long id, bool shown, bool asked)
    {
        unsettled.Add(id);
        notes.Add($"couple {id} was {(found[id] ? "paused" : "recording")} before a scenario and its details then showed it {(shown ? "paused" : "recording")}, {(asked ? "which the kit had asked for and undone" : "which the kit never asked for")}; they could not be read again until the kit's own requests would have shown (a fault, or an answer without a document), so the kit cannot tell its own request shown late from someone else's change: it sent the couple nothing and still takes it as {(found[id] ? "paused" : "recording")}");
    }

    /// <summary>A couple someone else changed since the scenario began: left as they set it, said so, and taken as found from now on.</summary>
    private void LeaveToSomeoneElse(long id, bool state, TimeSpan settle, string why)
    {
        TakenForChangedBySomeoneElse(id, settle);
        notes.Add($"couple {id} was {(found[id] ? "paused" : "recording")} before a scenario and is now {(state ? "paused" : "recording")}, {why}: someone else changed it, so it is left as they set it");
        found[id] = state;
    }

    /// <summary>The state <paramref name="want"/> once the details show it within <paramref name="settle"/>; else the last read (null: unread).</summary>
    private static async Task<bool?> SettledAsync(Wire.Wire wire, long id, bool want, TimeSpan settle, CancellationToken cancellationToken) =>
        (await SettledReadAsync(wire, id, want, settle, cancellationToken)).Paused;

    /// <summary>As <see cref="SettledAsync"/>, with the status of the last read (0: none was sent).</summary>
    private static async Task<(bool? Paused, int Status)> SettledReadAsync(Wire.Wire wire, long id, bool want, TimeSpan settle, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        (bool? Paused, int Status) now = (null, 0);
        while (waited.Elapsed < settle)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            now = await ReadNowAsync(wire, id, cancellationToken);
            if (now.Paused is null || now.Paused == want)
            {
                break;
            }
        }

        return now;
    }

    /// <summary>
    /// The couple's paused state as its details show it now; null when they do not show it (or it has ended). A read
    /// changes nothing, so one a fault met is sent again (a scenario's wire sends each request once) before the fault is
    /// thrown; one that got no answer in time is not.
    /// </summary>
    /// <summary>
    /// Whether a pause of the kit's may reach the other couples of its call: not where the probe measured that a pause
    /// reaches its couple alone (pauseScope is inferred).
    /// </summary>
    private static bool MayReachCall(Profiles.KitProfile? profile) =>
        profile is null || profile.PausesWholeCall || !profile.Measured.Contains(Profiles.ProfileSettings.PauseScope);

    private static async Task<bool?> PausedNowAsync(Wire.Wire wire, long id, CancellationToken cancellationToken) =>
        (await ReadNowAsync(wire, id, cancellationToken)).Paused;

    /// <summary>As <see cref="PausedNowAsync"/>, with the status the details were answered.</summary>
    private static async Task<(bool? Paused, int Status)> ReadNowAsync(Wire.Wire wire, long id, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var details = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{id}", cancellationToken: cancellationToken);
                return (details.Status == 200 ? Wire.Documents.Of(details.Body)?.Paused switch { "true" => true, "false" => false, _ => null } : null, details.Status);
            }
            catch (Wire.StepFaultException e) when (attempt < Probe.Prober.RepeatableAttempts && e.Fault.Kind != "timeout")
            {
                // A timeout is not sent again: it has waited its time, and a recorder that no longer answers would make
                // each read of the clean-up cost three.
            }
        }
    }

    /// <summary>
    /// Puts a couple back wherever the server reads <c>paused</c> (PSE-3 is inferred): a value in one place only could
    /// resume, on a lenient server that does not look there, a couple an agent had paused. A pause put back is read back:
    /// it must show in the details, or it is sent in the next place (the profile the kit holds may be a guess it is
    /// trying, and a 204 to a place the server does not read is a resume that changed nothing). It is waited for as long
    /// as a scenario's pause is (up to fifteen times <paramref name="settle"/>): the next place may be read as a resume,
    /// so moving on from a pause that took and shows late would undo the hold. A read that shows no state stops the
    /// put-back where it is (the audit then says the couple could not be checked).
    /// </summary>
    public static Task<Wire.Exchange> PutBackAsync(
        Wire.Wire wire, int slot, long id, bool paused, TimeSpan settle, CancellationToken cancellationToken, Profiles.KitProfile? profile = null) =>
        Wire.PausedEverywhere.SendAsync(
            $"callrec/restful/couples.xml/{id}/pausedState",
            paused,
            (pathAndQuery, form) => wire.SendAsync(slot, HttpMethod.Post, pathAndQuery, form, cancellationToken: cancellationToken),
            profile,
            async () => await PausedNowAsync(wire, id, cancellationToken) is not false and var now ? now
                : await SettledAsync(wire, id, want: true, Commands.DetailsLag.LongestWait(settle), cancellationToken));

    /// <summary>Sends until an answer is not met by a fault, at most <paramref name="attempts"/> times; a login and a restore may be sent again.</summary>
    private static async Task<bool> DespiteFaultsAsync(Func<Task> send, int attempts)
    {
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            try
            {
                await send();
                return true;
            }
            catch (Wire.StepFaultException)
            {
            }
        }

        return false;
    }
}
