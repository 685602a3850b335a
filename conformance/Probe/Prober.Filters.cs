using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Probe;

/// <summary>The probes of how the list's filters match a value and join (LST-4, LST-6), from the main account's lists.</summary>
internal sealed partial class Prober
{
    /// <summary>
    /// filterMatch (LST-6): a couple's calling number less its last character is a start of it (listed by a recorder that
    /// matches a start or any part), less its first character too a part that is no start (listed where any part
    /// matches). filterJoin (LST-4): one couple's calling number beside another couple's calling address, neither
    /// matching the other couple: both listed where two filters join by "or", neither where they join by "and".
    /// Only lists: nothing changes.
    /// </summary>
    private async Task ProbeFiltersAsync(Wire.Wire wire, IReadOnlyList<long> couples, CancellationToken cancellationToken)
    {
        var known = new List<ModelCouple>();
        foreach (var id in couples.Take(6))
        {
            var details = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{id}", cancellationToken: cancellationToken);
            if (details.Status == 200 && Targets.RealWorld.FromDetails(new Wire.Documents.Listed(id, 0, null), details.Body) is { } couple)
            {
                known.Add(couple);
            }
        }

        async Task<bool?> ListsAsync(long id, string query)
        {
            var list = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml?" + query, cancellationToken: cancellationToken);
            return Wire.Documents.Holds(list, id);
        }

        static string Said(bool? listed) => listed switch { true => "listed", false => "not listed", _ => "not answered with a list" };

        if (known.FirstOrDefault(c => c.CallingNumber.Length >= 3 && !c.CallingNumber.StartsWith(c.CallingNumber[1..^1], StringComparison.Ordinal)) is { } one)
        {
            var (start, middle) = (one.CallingNumber[..^1], one.CallingNumber[1..^1]);
            var byStart = await ListsAsync(one.Id, $"phoneNumber={Uri.EscapeDataString(start)}&phoneNumberDirection=CALLING");
            var byPart = byStart == true ? await ListsAsync(one.Id, $"phoneNumber={Uri.EscapeDataString(middle)}&phoneNumberDirection=CALLING") : null;
            Observe(ProfileSettings.FilterMatch, (byStart, byPart) switch { (false, _) => "exact", (true, true) => "part", (true, false) => "prefix", _ => null },
                $"couple {one.Id}, calling {one.CallingNumber}, is {Said(byStart)} by phoneNumber={start}" + (byStart == true ? $" and {Said(byPart)} by phoneNumber={middle}" : string.Empty));
        }
        else
        {
            Kept(ProfileSettings.FilterMatch, "needs a couple in the main account's list whose details show a calling number of three characters or more");
        }

        var match = profile[ProfileSettings.FilterMatch];
        var pair = known.SelectMany(a => known.Where(b => b.Id != a.Id && a.CallingIp is { Length: > 0 } && b.CallingIp is { Length: > 0 } && a.CallingNumber.Length > 0
                && !FilterSpec.Matches(a.CallingNumber, "CALLING", b.CallingNumber, null, match) && !FilterSpec.Matches(b.CallingIp, "CALLING", a.CallingIp, null, match))
            .Select(b => (A: a, B: b))).FirstOrDefault();
        if (pair is ({ } a, { } b))
        {
            var query = $"phoneNumber={Uri.EscapeDataString(a.CallingNumber)}&phoneNumberDirection=CALLING&ipAddress={Uri.EscapeDataString(b.CallingIp!)}&ipAddressDirection=CALLING";
            var list = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml?" + query, cancellationToken: cancellationToken);
            var ids = list.Status == 200 ? Wire.Documents.List(list.Body)?.Select(i => i.Id).ToHashSet() : null;
            Observe(ProfileSettings.FilterJoin, ids is null ? null : ids.Contains(a.Id) && ids.Contains(b.Id) ? "or" : !ids.Contains(a.Id) && !ids.Contains(b.Id) ? "and" : null,
                $"phoneNumber={a.CallingNumber} (couple {a.Id}) with ipAddress={b.CallingIp} (couple {b.Id}) is answered {list.Status}{(ids is null ? string.Empty : $" listing {(ids.Count == 0 ? "none" : string.Join(", ", ids.Order()))}")}");
        }
        else
        {
            Kept(ProfileSettings.FilterJoin, "needs two couples in the main account's list whose calling numbers and addresses differ");
        }

        await ProbeFilterScopeAsync(wire, couples, cancellationToken);
    }

    /// <summary>
    /// filterScope (LST-4): a couple's calling number, where another couple of its call (a transfer, a conference) carries
    /// that number on neither side: the other couple listed too where a filter lists whole calls. Only lists: nothing changes
    /// on a recorder; on a simulator without such a call the probe joins a leg of its own to the first couple's call, and
    /// ends it after.
    /// </summary>
    private async Task ProbeFilterScopeAsync(Wire.Wire wire, IReadOnlyList<long> couples, CancellationToken cancellationToken)
    {
        if (await FilterScopeSeenAsync(wire, cancellationToken))
        {
            return;
        }

        if (target.Control is { } control && couples.Count > 0 && await CallOfAsync(wire, couples[0], cancellationToken) is { } callId)
        {
            var leg = await control.StartCallAsync(new CallSpec("10041", "10043", "10.0.1.41", "10.0.1.43"), cancellationToken, callId);
            try
            {
                if (await FilterScopeSeenAsync(wire, cancellationToken))
                {
                    return;
                }
            }
            finally
            {
                await control.EndCallAsync(leg.Id, cancellationToken);
            }
        }

        Kept(ProfileSettings.FilterScope, "needs a call in progress with two couples in the main account's list (a transfer, a conference), one whose calling number the other does not carry");
    }

    private async Task<bool> FilterScopeSeenAsync(Wire.Wire wire, CancellationToken cancellationToken)
    {
        var all = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        var calls = all.Status == 200 ? Wire.Documents.List(all.Body)?.GroupBy(i => i.CallId).Where(g => g.Count() >= 2).Take(3).ToList() : null;
        foreach (var call in calls ?? [])
        {
            var legs = new List<ModelCouple>();
            foreach (var item in call.Take(4))
            {
                var details = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{item.Id}", cancellationToken: cancellationToken);
                if (details.Status == 200 && Targets.RealWorld.FromDetails(item, details.Body) is { } leg)
                {
                    legs.Add(leg);
                }
            }

            // A leg that carries no part of the number on either side, so no way of matching (filterMatch, perhaps not
            // measured) lists it for its own numbers.
            var pair = legs.SelectMany(a => legs.Where(b => b.Id != a.Id && a.CallingNumber.Length > 0 && !FilterSpec.Matches(a.CallingNumber, "BOTH", b.CallingNumber, b.CalledNumber, "part"))
                .Select(b => (A: a, B: b))).FirstOrDefault();
            if (pair is not ({ } a, { } b))
            {
                continue;
            }

            var list = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml?phoneNumber={Uri.EscapeDataString(a.CallingNumber)}&phoneNumberDirection=CALLING", cancellationToken: cancellationToken);
            var ids = list.Status == 200 ? Wire.Documents.List(list.Body)?.Select(i => i.Id).ToHashSet() : null;
            // A leg left out that has ended meanwhile says nothing: the whole list afterwards must still hold it.
            var afterwards = ids?.Contains(b.Id) == false ? Wire.Documents.List((await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken)).Body) : null;
            if (afterwards is not null && afterwards.All(i => i.Id != b.Id))
            {
                continue;
            }

            Observe(ProfileSettings.FilterScope, ids is null || !ids.Contains(a.Id) ? null : ids.Contains(b.Id) ? "call" : "couple",
                $"phoneNumber={a.CallingNumber}&phoneNumberDirection=CALLING (couple {a.Id}) is answered {list.Status}{(ids is null ? string.Empty : $" listing {(ids.Count == 0 ? "none" : string.Join(", ", ids.Order()))}")}; couple {b.Id} of the same call {call.Key}, calling {b.CallingNumber}, called {b.CalledNumber}, {(ids?.Contains(b.Id) == true ? "is" : "is not")} among them");
            return true;
        }

        return false;
    }
}
