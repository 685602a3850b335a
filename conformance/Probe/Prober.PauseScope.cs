using System.Diagnostics;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Probe;

/// <summary>
/// pauseScope (PSE-1 pauses "the recording of that call"; which of a call's couples a pause reaches is inferred): one
/// couple of a call with two couples in progress is paused, and the other's details tell whether the pause reached it.
/// </summary>
internal sealed partial class Prober
{
    private async Task ProbePauseScopeAsync(Wire.Wire wire, IReadOnlyList<long> couples, CancellationToken cancellationToken)
    {
        if (ownPause)
        {
            Kept(ProfileSettings.PauseScope, "an earlier pause of the probe's could not be put back, so it pauses nothing more");
            return;
        }

        var pair = target.Control is { } control
            ? await JoinedCallAsync(wire, control, couples, cancellationToken)
            : await RecordingPairAsync(wire, cancellationToken);
        if (pair is not var (named, other, callId))
        {
            Kept(ProfileSettings.PauseScope, "needs --allow-pause and two --couple of one call (a transfer or a conference) that both record"
                + (notRecording.Count > 0 ? $" ({string.Join("; ", notRecording)})" : string.Empty));
            return;
        }

        var path = $"callrec/restful/couples.xml/{named}/pausedState";
        var inBody = profile.ReadsPaused(put: false, inQuery: false);
        bool? reached = null;
        var sent = false;
        var mayHaveReached = false; // the pause was taken, and the named couple did not show it untaken

        ownPause = false;
        try
        {
            await StillRecordingAsync(wire, named, cancellationToken);
            await StillRecordingAsync(wire, other, cancellationToken);
            ownPause = target.Control is null;
            var took = Stopwatch.StartNew();
            sent = true;
            var pause = await wire.SendAsync(0, HttpMethod.Post, inBody ? path : path + "?paused=true", inBody ? "paused=true" : string.Empty, cancellationToken: cancellationToken);
            var shown = pause.Status is >= 200 and < 300 ? await ShownAsync(wire, named, "true", cancellationToken) : false;
            var shownAfter = took.Elapsed;
            // A couple that ended under the pause (no state shown) may have passed it on to the other: that one is read.
            mayHaveReached = shown != false;
            if (shown != true)
            {
                Kept(ProfileSettings.PauseScope, $"the pause of couple {named} was answered {pause.Status} and did not show, so nothing could reach couple {other}");
                return;
            }

            // The other couple's details may lag as the named one's did: they get --settle and twice that lag to show it.
            var patience = Settle + (2 * shownAfter);
            reached = await ShownAsync(wire, other, "true", cancellationToken, afterChange: false, patience: patience);
            var how = $"a pause of couple {named} {(reached == true ? "paused" : reached == false ? "left recording" : "left without a paused state shown")} couple {other} of the same call {callId}";
            // Details may lag longer on one couple than on another (PSE-1 says nothing of how soon they show a change): the
            // other's may show the pause after the wait, unless the probe waited as long as a pause is ever waited for.
            if (reached == false && target.Control is null && patience < Commands.DetailsLag.LongestWait(Settle))
            {
                Assumed(ProfileSettings.PauseScope, "couple", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{how} for {patience.TotalSeconds:0.#} s (couple {named}'s details showed the pause {shownAfter.TotalSeconds:0.#} s after it was sent); the other couple's details may lag longer, up to fifteen times --settle, which the probe does not wait with a live call paused"));
            }
            else
            {
                Observe(ProfileSettings.PauseScope, reached switch { true => "call", false => "couple", _ => null }, how);
            }
        }
        catch (HeldMeanwhileException)
        {
            Kept(ProfileSettings.PauseScope, $"couple {named} or {other} no longer showed recording before the probe's pause (it has ended, or someone else paused it), which was left alone");
        }
        finally
        {
            // Only what the probe's own pause may have changed goes back: a hold someone put on before it is theirs.
            await PutBackAsync(wire, named, other, named: sent, other: mayHaveReached && reached != false);
        }
    }

    /// <summary>
    /// unchangedPauseReach (PSE-1, PSE-3, inferred; under pauseScope=call): on a simulator, the first couple is paused, a leg
    /// is started into its call (recording), and the paused couple is paused again, which changes nothing on it: whether
    /// the new leg is paused then tells. Only a target that starts calls can make a call's legs differ, so a real
    /// recorder's is never measured.
    /// </summary>
    private async Task ProbeUnchangedPauseReachAsync(Wire.Wire wire, IReadOnlyList<long> couples, CancellationToken cancellationToken)
    {
        if (target.Control is not { } control)
        {
            Kept(ProfileSettings.UnchangedPauseReach, "needs a target that starts calls (a simulator's control API): only a leg that joins a paused call differs from the couple a pause names");
            return;
        }

        if (ObservedValue(ProfileSettings.PauseScope) != "call")
        {
            Kept(ProfileSettings.UnchangedPauseReach, $"only under pauseScope=call, and {(ObservedValue(ProfileSettings.PauseScope) is { } scope ? $"pauseScope was measured {scope}" : "pauseScope was not measured")}");
            return;
        }

        if (couples.Count == 0 || await CallOfAsync(wire, couples[0], cancellationToken) is not { } callId)
        {
            Kept(ProfileSettings.UnchangedPauseReach, "no couple in progress whose call could be read");
            return;
        }

        var named = couples[0];
        var path = $"callrec/restful/couples.xml/{named}/pausedState";
        var inBody = profile.ReadsPaused(put: false, inQuery: false);
        Task<Wire.Exchange> PauseAsync() => wire.SendAsync(0, HttpMethod.Post, inBody ? path : path + "?paused=true", inBody ? "paused=true" : string.Empty, cancellationToken: cancellationToken);
        long? joined = null;
        try
        {
            var first = await PauseAsync();
            if (first.Status is < 200 or >= 300 || await ShownAsync(wire, named, "true", cancellationToken) is not true)
            {
                Kept(ProfileSettings.UnchangedPauseReach, $"the pause of couple {named} was answered {first.Status}{(first.Status is >= 200 and < 300 ? " and did not show" : string.Empty)}");
                return;
            }

            joined = (await control.StartCallAsync(new CallSpec("10021", "10024", "10.0.1.21", "10.0.1.24"), cancellationToken, callId)).Id;
            var again = await PauseAsync();
            var reached = await ShownAsync(wire, joined.Value, "true", cancellationToken, afterChange: false);
            var success = again.Status is >= 200 and < 300;
            var how = $"a second pause of couple {named}, answered {again.Status}, {(reached == true ? "paused" : reached == false ? "left recording" : "left without a state")} couple {joined}, which joined its call {callId} between the two";
            // Answered as a success, success and call expect alike (and refused, success and named): the first is taken.
            var (value, alike) = (reached, success) switch
            {
                (true, true) => ("success", " (call would show the same, as it answers such a request as a success)"),
                (true, false) => ("call", string.Empty),
                (false, true) => ("named", string.Empty),
                (false, false) => ("success", " (named would show the same, as it refuses such a request)"),
                _ => ((string?)null, string.Empty),
            };
            Observe(ProfileSettings.UnchangedPauseReach, value, how + alike);
        }
        finally
        {
            await PutBackRecordingAsync(wire, named, $"couple {named}, which the probe paused,");
            if (joined is { } leg)
            {
                await PutBackAsync(wire, named, leg, named: false, other: true);
            }
        }
    }

    /// <summary>
    /// The couples the probe's pause may have changed back to recording, each on its own (one that ended does not keep the
    /// other paused); on a simulator the couple the probe started ends.
    /// </summary>
    private async Task PutBackAsync(Wire.Wire wire, long namedCouple, long otherCouple, bool named, bool other)
    {
        if (named)
        {
            await PutBackRecordingAsync(wire, namedCouple, $"couple {namedCouple}, which the probe paused,");
        }

        // A resume of the named couple resumes the other where the pause reached it; where it does not show so, the other
        // is put back itself (it was recording).
        if (other)
        {
            await PutBackRecordingAsync(wire, otherCouple, $"couple {otherCouple}, which the probe's pause of couple {namedCouple} reached,");
        }

        if (target.Control is { } control)
        {
            try
            {
                await control.EndCallAsync(otherCouple, CancellationToken.None);
            }
            catch (Exception e) when (e is TargetException or HttpRequestException or TaskCanceledException)
            {
                summary.Add($"couple {otherCouple}, which the probe started, could not be ended ({e.Message})");
            }
        }
    }

    /// <summary>One couple back to recording, where its details do not show it so already; what could not be done is said.</summary>
    private async Task PutBackRecordingAsync(Wire.Wire wire, long couple, string what)
    {
        try
        {
            if (await ShownAsync(wire, couple, "false", CancellationToken.None, afterChange: false) is not false)
            {
                ownPause = false;
                return; // recording, or ended (no state shown): nothing to put back
            }

            await RealWorld.PutBackAsync(wire, 0, couple, false, Settle, CancellationToken.None);
            if (await ShownAsync(wire, couple, "false", CancellationToken.None) is false)
            {
                ByHand($"{what} could not be put back: it may not be recording: check it and resume it by hand");
            }
            else
            {
                ownPause = false;
            }
        }
        catch (Exception e) when (e is Wire.StepFaultException or HttpRequestException or TaskCanceledException)
        {
            ByHand($"{what} could not be put back recording ({e.Message}): check it");
        }
    }

    /// <summary>On a simulator, a couple the probe starts in the call of the first couple (a conference leg).</summary>
    private static async Task<(long Named, long Other, long CallId)?> JoinedCallAsync(Wire.Wire wire, SimulatorControl control, IReadOnlyList<long> couples, CancellationToken cancellationToken)
    {
        if (couples.Count == 0 || await CallOfAsync(wire, couples[0], cancellationToken) is not { } callId)
        {
            return null;
        }

        var joined = await control.StartCallAsync(new CallSpec("10021", "10023", "10.0.1.21", "10.0.1.23"), cancellationToken, callId);
        return (couples[0], joined.Id, callId);
    }

    // The allowed couples the pauseScope probe found paused, each with its call, to say why no pair recorded.
    private readonly List<string> notRecording = [];

    /// <summary>
    /// On a real recorder, two couples the kit may pause (--couple) of one call, both recording. One read paused is read
    /// again, where the probe's own pauses showed before, for as long as a pause is waited for: details that lag may still
    /// show the probe's earlier pause of its call (it reaches every leg under pauseScope=call), put back a moment ago.
    /// </summary>
    private async Task<(long Named, long Other, long CallId)?> RecordingPairAsync(Wire.Wire wire, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<long, long>();
        foreach (var couple in pausable)
        {
            var details = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{couple}", cancellationToken: cancellationToken);
            var document = details.Status == 200 ? Wire.Documents.Of(details.Body) : null;
            if (document is { Paused: "true", CallId: { } pausedCall })
            {
                if (lag is null || await ShownAsync(wire, couple, "false", cancellationToken, afterChange: false, patience: Commands.DetailsLag.LongestWait(Settle)) is not true)
                {
                    notRecording.Add($"couple {couple} of call {pausedCall} reads paused{(lag is null ? string.Empty : string.Create(System.Globalization.CultureInfo.InvariantCulture, $" {Commands.DetailsLag.LongestWait(Settle).TotalSeconds:0} s after the probe's last pause was put back"))}: someone else's hold, left alone");
                    continue;
                }

                document = document with { Paused = "false" };
            }

            if (document is { Paused: "false", CallId: { } callId })
            {
                if (seen.TryGetValue(callId, out var first))
                {
                    return (first, couple, callId);
                }

                seen[callId] = couple;
            }
        }

        return null;
    }

    private static async Task<long?> CallOfAsync(Wire.Wire wire, long couple, CancellationToken cancellationToken)
    {
        var details = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{couple}", cancellationToken: cancellationToken);
        return details.Status == 200 ? Wire.Documents.Of(details.Body)?.CallId : null;
    }
}
