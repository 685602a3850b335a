namespace PauseResume.Conformance.Targets;

/// <summary>What the scenario's own pausedState requests may have left each couple in, read from the wire's record of them, for the clean-up.</summary>
internal sealed partial class RealWorld
{
    /// <summary>
    /// The states the kit's own requests may have left each couple in, request by request in the order sent: one taken
    /// (2xx) sets its couple to each state it may have been read as, one refused changes nothing, one whose answer a fault
    /// cut may or may not have taken. Where a pause may reach every leg of its call (<paramref name="mayReachCall"/>: PSE-1's
    /// reach is inferred) the call's other legs are followed that way too, and a couple may be in the state either way
    /// leaves it. A couple no request reached is not in it.
    /// </summary>
    private Dictionary<long, HashSet<bool>> KitLeft(IEnumerable<(string Method, string PathAndQuery, string? Form, int? Status)> sent, Profiles.KitProfile? profile, bool mayReachCall)
    {
        var alone = new Dictionary<long, HashSet<bool>>();
        var withCall = new Dictionary<long, HashSet<bool>>();
        void Take(Dictionary<long, HashSet<bool>> left, long id, HashSet<bool> states, bool cut) =>
            left[id] = cut ? [.. left.GetValueOrDefault(id, [found.GetValueOrDefault(id)]), .. states] : [.. states];
        foreach (var exchange in sent)
        {
            if (Requested(exchange, profile) is not var (id, states) || !Taken(exchange.Status))
            {
                continue; // not a pause or resume, or refused: it changed nothing
            }

            var cut = exchange.Status is null;
            Take(alone, id, states, cut);
            foreach (var leg in mayReachCall ? LegsOf(id) : [id])
            {
                // A leg of a call that joined or parted since it was found may or may not have been reached: either state.
                Take(withCall, leg, states, cut || (leg != id && (Moved(id) || Moved(leg))));
            }
        }

        foreach (var (id, states) in withCall)
        {
            states.UnionWith(alone.GetValueOrDefault(id, [found.GetValueOrDefault(id)]));
        }

        return withCall;
    }

    /// <summary>
    /// What the run asked of each couple, with what it asked of every other couple of its call on the allow-list: under
    /// pauseScope=call a pause reaches every couple of "that call" (PSE-1), so the clean-up visits them all. Unless the
    /// probe measured pauseScope=couple (the reach is inferred, and a guessed profile may be wrong) a couple found changed
    /// to such a state is put back (the kit's own pause reached it), not left alone as someone else's doing. Couples outside the allow-list are
    /// never sent anything (the recorder's put-back of the named couple reaches them). A new dictionary: the one given is kept.
    /// </summary>
    private Dictionary<long, HashSet<bool>> WithTheirCalls(Dictionary<long, HashSet<bool>> asked)
    {
        var withTheirCalls = asked.ToDictionary(a => a.Key, a => a.Value.ToHashSet());
        foreach (var id in Pausable.Where(found.ContainsKey))
        {
            var states = LegsOf(id).Where(leg => leg != id && Pausable.Contains(leg)).SelectMany(leg => asked.GetValueOrDefault(leg, [])).ToHashSet();
            if (states.Count > 0)
            {
                (withTheirCalls.TryGetValue(id, out var own) ? own : withTheirCalls[id] = []).UnionWith(states);
            }
        }

        return withTheirCalls;
    }

    /// <summary>The couple and every couple found that shared a call with it since the last clean-up (see <see cref="callsSeen"/>).</summary>
    private IEnumerable<long> LegsOf(long id) => Legs(callsSeen, id);

    private static IEnumerable<long> Legs(Dictionary<long, HashSet<long>> seen, long id) =>
        seen.TryGetValue(id, out var calls) ? seen.Where(c => c.Key == id || c.Value.Overlaps(calls)).Select(c => c.Key) : [id];

    /// <summary>Whether the couple was seen in more than one call since the last clean-up: a join or a parting the kit's pauses may have come before or after.</summary>
    private bool Moved(long id) => callsSeen.TryGetValue(id, out var calls) && calls.Count > 1;

    /// <summary>
    /// For the final audit: whether another couple that shared a call with this one during the run was asked the state
    /// this one shows (<paramref name="shown"/>) by a pause, resume or put-back of the kit's, and that couple or this one moved between calls (a conference, a transfer): then which of the
    /// kit's requests reached this couple no one can tell. A couple that moved alone, or whose moved legs the kit never
    /// sent anything, is judged.
    /// </summary>
    private bool CallsChanged(long id, bool shown) =>
        Legs(callsEver, id).Any(leg => leg != id && askedEver.GetValueOrDefault(leg)?.Contains(shown) == true && (callsEver[id].Count > 1 || callsEver[leg].Count > 1));

    /// <summary>After a clean-up: the calls seen since it are each couple's call as last listed.</summary>
    private void ForgetCallsBefore()
    {
        foreach (var (id, calls) in callsSeen)
        {
            calls.Clear();
            calls.Add(latestCall[id]);
        }
    }

    /// <summary>Each couple's call as <paramref name="wire"/>'s session lists it now, added to the calls it was seen in; a fault or a refusal leaves them as they were.</summary>
    private async Task FollowCallsAsync(Wire.Wire wire, CancellationToken cancellationToken)
    {
        try
        {
            var list = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
            foreach (var item in list.Status == 200 ? Wire.Documents.List(list.Body) ?? [] : [])
            {
                SawIn(item.Id, item.CallId);
            }
        }
        catch (Wire.StepFaultException)
        {
        }
    }

    /// <summary>
    /// The calls a scenario's own lists and details (<paramref name="transcript"/>, in the order read) showed each couple
    /// in, added to the calls it was seen in: a join and a parting the scenario saw leave the couple a leg of both calls for
    /// the clean-up, which lists the calls once, after both (a call paused by the kit's pause of a leg that joined and
    /// parted was taken for an agent's hold and left paused).
    /// </summary>
    private void SawCalls(IEnumerable<Wire.Exchange> transcript)
    {
        foreach (var read in transcript.Where(e => e is { Status: 200, Method: "GET" }))
        {
            var path = read.PathAndQuery.Split('?')[0].TrimEnd('/');
            if (path.EndsWith("/couples.xml", StringComparison.Ordinal))
            {
                foreach (var item in Wire.Documents.List(read.Body) ?? [])
                {
                    SawIn(item.Id, item.CallId);
                }
            }
            else if (Wire.Documents.Of(read.Body) is { Id: { } id, CallId: { } call }) // details, by the documented path or a self link
            {
                SawIn(id, call);
            }
        }
    }

    private void SawIn(long id, long call)
    {
        if (callsSeen.TryGetValue(id, out var calls))
        {
            calls.Add(call);
            callsEver[id].Add(call);
            latestCall[id] = call;
        }
    }

    /// <summary>
    /// The states the run asked each couple to take, from its pausedState requests: each value sent, and the state the
    /// profile says the server read it as (on a lenient server a value where it does not look reads as false, so a
    /// pause it took may have resumed the couple, whatever the profile says). A value other than true or false, or a
    /// request the profile would have refused though the server took it, counts as both. A couple with no request here may
    /// still have been changed.
    /// </summary>
    private static Dictionary<long, HashSet<bool>> AskedStates(IEnumerable<(string Method, string PathAndQuery, string? Form, int? Status)> sent, Profiles.KitProfile? profile)
    {
        var asked = new Dictionary<long, HashSet<bool>>();
        foreach (var exchange in sent)
        {
            // A request refused (answered, not 2xx) changed nothing: the couple asked nothing of it, and a state it asked
            // for is someone else's doing (an agent put the call on hold while the kit's pause was refused).
            if (Requested(exchange, profile) is var (id, states))
            {
                (asked.TryGetValue(id, out var known) ? known : asked[id] = []).UnionWith(Taken(exchange.Status) ? states : []);
            }
        }

        return asked;
    }

    /// <summary>Whether a request may have been taken: answered 2xx, or met by a fault before its answer.</summary>
    private static bool Taken(int? status) => status is null or (>= 200 and < 300);

    /// <summary>
    /// The couple a pausedState request names and the states it may have set it to: each value sent, and the state the
    /// profile says the server read it as (see <see cref="AskedStates"/>); null for any other request.
    /// </summary>
    private static (long Id, HashSet<bool> States)? Requested((string Method, string PathAndQuery, string? Form, int? Status) exchange, Profiles.KitProfile? profile)
    {
        var path = exchange.PathAndQuery.Split('?', 2);
        var segments = path[0].Split('/');
        if (exchange.Method is not ("POST" or "PUT") || segments is not [.., var coupleId, "pausedState"] || !long.TryParse(coupleId, out var id))
        {
            return null;
        }

        static List<string> Values(string? part) => (part ?? string.Empty).Split('&')
            .Where(p => p.StartsWith("paused=", StringComparison.Ordinal)).Select(p => Uri.UnescapeDataString(p["paused=".Length..])).ToList();
        var inBody = Values(exchange.Form);
        var inQuery = Values(path.Length > 1 ? path[1] : null);
        var states = new HashSet<bool>();
        // A value neither true nor false (or none: 'pause=true') is read as the profile says where the probe measured how
        // (pausedParameter: false under the Java reading; a recorder that takes 'pause' for 'paused' is never written as
        // measured), else as either: a put-back sent for "either" after a misspelt pause the recorder read as a resume of
        // a recording couple ended a hold put on since, on a lenient recorder whose calls an agent held every few seconds.
        var readingMeasured = profile?.Measured.Contains(Profiles.ProfileSettings.PausedParameter) == true;
        foreach (var value in inBody.Count + inQuery.Count == 0 ? [string.Empty] : inBody.Concat(inQuery))
        {
            if (!readingMeasured || Either(value).Count() == 1)
            {
                states.UnionWith(Either(value));
            }
        }

        if (profile is not null)
        {
            states.UnionWith(ReadAs(profile, exchange.Method == "PUT", inBody, inQuery));
        }

        // Where a recorder reads paused is inferred (PSE-3), and the profile may be a guess: a lenient recorder that does not
        // look where a "true" was sent (only the body, or only the query) took the pause as a resume. One sent in both
        // places is read as a pause wherever the recorder looks, and an agent who then resumes the call is someone else.
        if (states.Contains(true) && !(inBody.Contains("true") && inQuery.Contains("true")))
        {
            states.Add(false);
        }

        return (id, states);
    }

    private static IEnumerable<bool> Either(string? value) =>
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) ? [true]
        : string.Equals(value, "false", StringComparison.OrdinalIgnoreCase) ? [false]
        : [true, false];

    /// <summary>PSE-2, PSE-3: the state the profile says the server read a taken request as (where it looks, which value, how).</summary>
    private static IEnumerable<bool> ReadAs(Profiles.KitProfile profile, bool put, List<string> inBody, List<string> inQuery)
    {
        var (_, refused, one) = profile.ReadPaused(put, inBody, inQuery);
        return refused || profile.PausedAs(one) is not { } read ? [true, false] // the profile would have refused what the server took: it does not describe the server
            : [read];
    }
}
