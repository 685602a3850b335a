using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>What a list tells of the calls in progress: couples that ended or began, and calls that moved.</summary>
internal sealed partial record ListCommand
{
    /// <summary>
    /// Where calls come and go: couples missing from a full list have ended; new ones have begun (legal events). On a
    /// simulator with traffic only the couples the kit did not start come and go; its own end only when it ends them. On
    /// a real recorder, only couples the user may see: that a list holds the couples outside a user's phone masks too
    /// (without a link, LST-5) is inferred (unseenCouples), and a recorder that leaves them out has not ended them.
    /// </summary>
    private static ModelState Observe(ModelState model, IReadOnlyList<Wire.Documents.Listed> listed, bool unfiltered, bool observing, ModelUser? user)
    {
        foreach (var item in listed.Where(l => !model.Couples.ContainsKey(l.Id)))
        {
            model = model.WithCouple(new ModelCouple(item.Id, item.CallId, string.Empty, string.Empty, null, null, false, false));
        }

        if (unfiltered)
        {
            // A list that leaves out what the user may not see (unseenCouples=omitted) tells nothing of those couples.
            var seen = (ModelCouple c) => user is null || user.Masks.Length == 0
                || (!model.Profile.OmitsUnseen && ((c.Known && model.MaySee(user, c)) || !observing || ListsUnseen(model, listed, user) || model.Profile.Measured.Contains(Profiles.ProfileSettings.UnseenCouples)));
            foreach (var gone in model.InProgress.Where(c => (observing || !c.Known) && seen(c) && listed.All(l => l.Id != c.Id)).ToList())
            {
                model = model.WithCouple(gone with { Ended = true });
            }
        }

        return model;
    }

    /// <summary>
    /// Whether this list holds a couple outside the user's phone masks without a link: a recorder that lists those too
    /// (LST-5) has ended a couple its unfiltered list leaves out, whoever asked. One listed with a link is a couple the
    /// recorder's masks match where the kit's access rules do not (inferred), which tells nothing of the others.
    /// </summary>
    private static bool ListsUnseen(ModelState model, IReadOnlyList<Wire.Documents.Listed> listed, ModelUser user) =>
        listed.Any(l => l.SelfHref is null && model.Couples.TryGetValue(l.Id, out var c) && c.Known && !model.MaySee(user, c));

    /// <summary>
    /// LST-3's distinctive part: a filter of one side, where the same filters with their directions read as BOTH would find
    /// a known couple in progress the list must not hold, and whose listing no inference could excuse: the user may see it
    /// (not a couple outside the masks, listed or left out as unseenCouples says), it carries the values whole (not a
    /// part of a longer one, filterMatch), and it shares no call with a couple the list holds (filterScope=call).
    /// </summary>
    private bool TellsDirection(ModelState model, string? phone, string? ip, ModelUser user, Func<ModelCouple, bool> held)
    {
        if (Phone.Read(model.Profile) is not ("CALLING" or "CALLED") && Ip.Read(model.Profile) is not ("CALLING" or "CALLED"))
        {
            return false;
        }

        var exact = model.Profile.With(Profiles.ProfileSettings.FilterMatch, "exact").Profile!;
        var eitherSide = (this with { Phone = Phone with { Direction = null }, Ip = Ip with { Direction = null } }).Matching(exact, phone, ip);
        var heldCalls = model.InProgress.Where(c => c.Known && held(c)).Select(c => c.CallId).ToHashSet();
        return model.InProgress.Any(c => c.Known && eitherSide(c) && !held(c) && model.MaySee(user, c) && !heldCalls.Contains(c.CallId));
    }

    /// <summary>
    /// Which couples a list with these filters holds under the profile: each value matched as filterMatch says (LST-6),
    /// on the sides its direction names (LST-3), two filters joined as filterJoin says (LST-4).
    /// </summary>
    private Func<ModelCouple, bool> Matching(Profiles.KitProfile profile, string? phone, string? ip)
    {
        var (match, or) = (profile[Profiles.ProfileSettings.FilterMatch], profile[Profiles.ProfileSettings.FilterJoin] == "or");
        var (phoneSide, ipSide) = (Phone.Read(profile), Ip.Read(profile));
        return c =>
        {
            var byPhone = FilterSpec.Matches(phone, phoneSide, c.CallingNumber, c.CalledNumber, match);
            var byIp = FilterSpec.Matches(ip, ipSide, c.CallingIp, c.CalledIp, match);
            return or && phone is not null && ip is not null ? byPhone || byIp : byPhone && byIp;
        };
    }

    /// <summary>
    /// On a real recorder a conference or a transfer may move a couple to another call, a legal event no rule forbids.
    /// Where the couples a list holds depend on their calls (filterScope=call, maskScope=call), the model takes each
    /// couple's call as this list shows it and, for the couples this list leaves out, as the observer's unfiltered list
    /// shows it now: a couple moved into another call that this user's list leaves out (outside its masks) was still in
    /// its old call in the model, and the other leg of its new call, listed as a leg of the call the filter found, was
    /// called LST-3 broken. This list wins for the couples it holds, as LST-3 and LST-4 are judged against it. The
    /// observer is asked only where its login ends none of the scenario's sessions (<see cref="StepContext.ObserverMayLogIn"/>).
    /// </summary>
    private static async Task<ModelState> FollowCallsAsync(StepContext context, ModelState model, IReadOnlyList<Wire.Documents.Listed> listed, CancellationToken cancellationToken)
    {
        var calls = Wire.Documents.CallsOf(listed).ToDictionary();
        if (context.ObserverMayLogIn && context.CallsNowAsync is { } read && await read(cancellationToken) is { } now)
        {
            foreach (var (id, call) in now)
            {
                calls.TryAdd(id, call);
            }
        }

        return model.Moved(calls);
    }

    /// <summary>
    /// LST-4 (inferred: filterScope): under filterScope=call a filter lists every couple in progress of the calls it finds,
    /// so a couple is expected where a couple of its call matches, or a couple of its call whose numbers the kit never read
    /// (the recorder's own traffic) is listed, as the recorder found it.
    /// </summary>
    private static Func<ModelCouple, bool> Scoped(ModelState model, Func<ModelCouple, bool> matches, string? phone, string? ip, IReadOnlyList<Wire.Documents.Listed> listed)
    {
        if (model.Profile[Profiles.ProfileSettings.FilterScope] != "call" || (phone is null && ip is null))
        {
            return matches;
        }

        var calls = model.InProgress.Where(c => c.Known ? matches(c) : listed.Any(l => l.Id == c.Id)).Select(c => c.CallId).ToHashSet();
        return c => matches(c) || calls.Contains(c.CallId);
    }
}
