using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>GET couples.xml with filters (LST-1..7): who may list, which couples, and which carry a self link.</summary>
internal sealed partial record ListCommand(int Slot, FilterSpec Phone, FilterSpec Ip) : Command
{
    public override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var model = context.Model;
        var numbers = model.Couples.Values.SelectMany(c => new[] { c.CallingNumber, c.CalledNumber }).Where(n => n.Length > 1).Distinct().Order(StringComparer.Ordinal).ToList();
        var ips = model.Couples.Values.SelectMany(c => new[] { c.CallingIp, c.CalledIp }).OfType<string>().Where(n => n.Length > 1).Distinct().Order(StringComparer.Ordinal).ToList();
        var couples = model.InProgress.ToList();
        var ended = model.Couples.Values.Where(c => c.Ended).ToList();
        var phones = couples.Select(c => (c.CallingNumber, c.CalledNumber)).ToList();
        var ipPairs = couples.Select(c => (c.CallingIp ?? string.Empty, c.CalledIp ?? string.Empty)).ToList();
        var user = model.UserOf(Slot);
        // The couples whose other side tells a direction ignored: those the user may see, where there are any.
        var seen = couples.Where(c => c.Known && user is not null && model.MaySee(user, c)).ToList();
        var telling = seen.Count > 0 ? seen : couples.Where(c => c.Known).ToList();
        var phone = Phone.Resolve(numbers, OnBothSides(phones), Values(ended.SelectMany(c => new[] { c.CallingNumber, c.CalledNumber })), Crowded(phones),
            OnlyOnOtherSide(phones, telling.Select(c => (c.CallingNumber, c.CalledNumber)), Phone.Direction));
        var ip = Ip.Resolve(ips, OnBothSides(ipPairs), Values(ended.SelectMany(c => new[] { c.CallingIp, c.CalledIp })), Crowded(ipPairs),
            OnlyOnOtherSide(ipPairs, telling.Select(c => (c.CallingIp ?? string.Empty, c.CalledIp ?? string.Empty)), Ip.Direction));
        var query = new List<string>();
        Add(query, "phoneNumber", phone, "phoneNumberDirection", Phone.Direction);
        Add(query, "ipAddress", ip, "ipAddressDirection", Ip.Direction);
        var path = "callrec/restful/couples.xml" + (query.Count > 0 ? "?" + string.Join("&", query) : string.Empty);
        var named = context.Wire.SessionOf(Slot);
        var answer = await context.Wire.SendAsync(Slot, HttpMethod.Get, path, cancellationToken: cancellationToken);
        await context.NoteRefusalAsync(Slot, answer.Status, listed: true, cancellationToken);
        var step = $"{ModelSlot.Name(Slot)}: list({(query.Count > 0 ? string.Join(", ", query) : "all")}) → {answer.Status}";

        var expected = Expected(context, user, phone, ip);
        // An invalid direction expected of an account without Call List: a 403 may be that account's refusal, come first
        // where the recorder checks the direction later or reads it as valid (badDirectionOrder, directionCase,
        // emptyDirection: inferred). No login of such an account can be proven, so its 403 is the login's rule's inferred
        // part (a difference), never a documented login that failed (SES-1).
        // So is any 403 to such an account under listWithoutCallList=empty, where only an empty list proves its login: a
        // recorder may give the empty list to a valid request alone and refuse the rest, as it refuses under the default.
        var unprovable = user is { CallList: false } && (expected.Rule == "LST-6" || (expected.Rule == "LST-7" && context.Model.Profile.EmptyListWithoutCallList));
        var wrongRule = expected.Status != 403 && answer.Status == 403 && user is not null ? model.Slot(Slot).Because : null;
        var checks = new List<Check> { context.SessionPolicy(Slot, expected.Against(answer.Status, wrongRule, actualRuleInferred: unprovable)) };
        // SES-4 (inferred): a request with the dummy cookie alone; under anonymousSession=refusals only a refusal as not
        // logged in opens a session, not an invalid direction's 403 (LST-6, invalidDirectionStatus=403) checked before the
        // login, which a probe cannot place among the login's refusal (badDirectionOrder kept) nor, where no answer told
        // it, tell refusals from any-request by: a 403 that may be the direction's tells nothing of the session.
        if (named is null && answer.Status == 403 && !(InvalidDirection(model.Profile, phone, ip) && model.Profile.InvalidDirectionStatus == 403))
        {
            checks.Add(SessionCookie.Anonymous(answer, model.Profile));
        }

        var next = model.Touch(Slot);
        if (checks[0].Passed && expected.Status == 200 && user is { CallList: false })
        {
            // LST-7 (inferred, listWithoutCallList=empty): no couple, whatever is in progress; a list that says nothing of the
            // calls ends none of them.
            var listed = Wire.Documents.List(answer.Body);
            checks.Add(Check.That("LST-7", listed is { Count: 0 }, "a user without Call List gets a list with no couple (inferred: listWithoutCallList=empty)", "<couples/> with no item",
                listed is null ? Short(answer.Body) : $"{listed.Count} couple(s)").Inferred());
        }
        else if (checks[0].Passed && expected.Status == 200)
        {
            next = await CheckContentAsync(context, user!, answer, phone, ip, checks, next, cancellationToken);
        }

        return new StepResult(step, checks, next);
    }

    /// <summary>The status this list should get in the slot's session as the model holds it now (a HEAD's too, GEN-2).</summary>
    public StatusCheck ExpectedStatus(StepContext context, ModelUser? user) => Expected(context, user, null, null);

    /// <summary>
    /// LST-2 and LST-7 refuse who may not list; an invalid direction (LST-6) is refused where the profile's
    /// badDirectionOrder puts it, and a direction without its value only if directionWithoutValue=checked.
    /// </summary>
    private StatusCheck Expected(StepContext context, ModelUser? user, string? phone, string? ip)
    {
        var profile = context.Model.Profile;
        var badDirection = InvalidDirection(profile, phone, ip)
            ? new StatusCheck(profile.InvalidDirectionStatus, "LST-6", "an invalid direction")
            : null;
        var order = profile.BadDirectionOrder switch { "before-login" => "PLC", "after-login" => "LPC", _ => "LCP" };
        foreach (var step in order)
        {
            var refusal = step switch
            {
                'L' when user is null => context.NotLoggedIn(Slot, "LST-2", "listing without a logged-in session"),
                'P' => badDirection,
                'C' when user is { CallList: false } => profile.EmptyListWithoutCallList
                    ? new StatusCheck(200, "LST-7", $"{user.Login} lacks Call List: an empty list (listWithoutCallList=empty)", Inferred: true)
                    : new StatusCheck(403, "LST-7", $"{user.Login} lacks Call List"),
                _ => null,
            };
            if (refusal is not null)
            {
                return refusal;
            }
        }

        return new StatusCheck(200, "LST-1", "the list of couples in progress");
    }

    private bool InvalidDirection(Profiles.KitProfile profile, string? phone, string? ip) =>
        !Phone.DirectionValid(phone is not null, profile) || !Ip.DirectionValid(ip is not null, profile);

    private async Task<ModelState> CheckContentAsync(StepContext context, ModelUser user, Wire.Exchange answer, string? phone, string? ip, List<Check> checks, ModelState model, CancellationToken cancellationToken)
    {
        var listed = Wire.Documents.List(answer.Body);
        checks.Add(Check.That("LST-1", listed is not null, "the answer is a couples document", "<couples> with <couples id callId> items", Short(answer.Body)));
        if (listed is null)
        {
            return model;
        }

        checks.AddRange(DocumentChecks.OfList(answer, listed, context.Model.Profile[Profiles.ProfileSettings.DocumentMediaType]));
        model = listed.Aggregate(model, (m, item) => CoupleAccess.ShownInProgress(m, item.Id));
        if (context.Observing && ((context.Model.Profile[Profiles.ProfileSettings.FilterScope] == "call" && (phone is not null || ip is not null)) || (model.Profile.MasksByCall && user.Masks.Length > 0)))
        {
            model = await FollowCallsAsync(context, model, listed, cancellationToken);
        }

        var ownMatch = Matching(context.Model.Profile, phone, ip);
        var shouldMatch = Scoped(model, ownMatch, phone, ip, listed);
        // LST-5 (inferred): a couple outside the user's phone masks is listed without a link, or left out (unseenCouples).
        var listable = (ModelCouple c) => !model.Profile.OmitsUnseen || user.Masks.Length == 0 || model.MaySee(user, c);
        if (context.CallsComeAndGo)
        {
            model = Observe(model, listed, phone is null && ip is null, context.Observing, user);
        }

        var hiddenByRecorder = new HashSet<long>();
        var servedLeftOut = new HashSet<long>(); // left out of the list, yet their details served to the same user
        IReadOnlyList<Wire.Documents.Listed>? unfilteredList = phone is null && ip is null ? listed : null;
        if (context.Observing)
        {
            // A couple the list should hold but does not may have ended meanwhile, a legal event: its details tell (404,
            // DET-3), or, as a recorder may go on serving an ended couple's details (that 404 is inferred), the
            // unfiltered list does: a couple it does not hold is not in progress (LST-1, documented).
            var asked = phone is null && ip is null;
            var all = asked ? listed : null;
            // Under maskScope=call the couples whose own numbers are within the user's masks first: one that ended may be
            // what let the user see another leg of its call.
            foreach (var missing in model.InProgress.Where(c => c.Known && shouldMatch(c) && listable(c) && listed.All(l => l.Id != c.Id)).OrderBy(c => !user.MaySee(c, model.Profile.MaskSide)).ToList())
            {
                if (!listable(missing))
                {
                    continue; // the end of a leg judged before took it out of this user's sight: left out rightly
                }

                var details = await context.Wire.SendAsync(Slot, HttpMethod.Get, $"callrec/restful/couples.xml/{missing.Id}", cancellationToken: cancellationToken);
                if (details.Status != 404 && details.Status != model.Profile.UnknownCoupleStatus && !asked)
                {
                    all = await CallLegs.UnfilteredAsync(context, Slot, cancellationToken);
                    asked = true;
                }

                if (all is not null && model.Profile.MasksByCall && user.Masks.Length > 0 && !user.MaySee(missing, model.Profile.MaskSide))
                {
                    // LST-5 under maskScope=call: the legs the user sees this couple through, within its own masks, are in its
                    // unfiltered list while in progress; one that list lacks has ended (by the kit's matching of masks,
                    // inferred: a guess), and the couple is judged as the user now sees it.
                    model = await CallLegs.EndedLegsAsync(context, Slot, model, missing, all, user, cancellationToken);
                    if (!listable(missing))
                    {
                        continue;
                    }
                }

                // A couple outside the user's masks that the list leaves out need not have ended (see Observe); nor one the
                // recorder matches otherwise than the kit's access rules do (inferred) and leaves out (unseenCouples=omitted,
                // or a recorder that omits where the profile lists): its details refuse this user. Only where the masks are
                // checked before whether the couple is in progress (refusalOrder=masks-first, rights-and-masks-first) is that refusal no sign of it,
                // or, for a couple outside the masks, where the recorder goes on serving an ended couple's details
                // (endedCoupleDetails=served): it refuses that couple alike ended or not, so only a list tells. Under
                // endedCoupleDetails=status the 403 says the couple is in progress, and a list that leaves it out differs
                // (unseenCouples, say): taken for an end, a recorder that omits such couples went unnoticed.
                // Under maskScope=call whether the user may see the couple rests on the other legs of its call, which may
                // have ended too, unseen as yet (a filter the other legs do not match): that refusal is no sign either.
                var refusedMasked = details.Status == 403 && user.Masks.Length > 0;
                var refusedAlike = refusedMasked && (!model.MaySee(user, missing) || (model.Profile.MasksByCall && !user.MaySee(missing, model.Profile.MaskSide))) && model.Profile.ServesEndedDetails;
                var refusedInProgress = refusedMasked && !model.Profile.MasksBeforeLookup && !refusedAlike;
                // The unknown couple's status (a 204 say, where only that one was measured) is an end too: the recorder
                // no longer serves the couple, or has forgotten it; the unfiltered list was not asked for that reason.
                var ended = details.Status is 404 or 410 || details.Status == model.Profile.EndedCoupleStatus || details.Status == model.Profile.UnknownCoupleStatus
                    || (!refusedInProgress && all?.All(l => l.Id != missing.Id) == true && (user.Masks.Length == 0 || (!model.Profile.OmitsUnseen && (model.MaySee(user, missing) || ListsUnseen(model, all!, user) || model.Profile.Measured.Contains(Profiles.ProfileSettings.UnseenCouples)))));
                // Where the masks come first (masks-first, rights-and-masks-first) a user with masks is refused a couple outside them and one that ended alike (403), as
                // under any order a couple outside them by a recorder that serves an ended couple's details: the list of
                // an account that may see the couple tells (calls come and go on a real recorder; LST-1). Where no such
                // list can be read, a couple outside the masks is taken for ended as a guess, which an answer only a
                // couple in progress gets takes back: neither reading is a rule the recorder must keep.
                // The user's own unfiltered list that holds the couple shows it in progress (LST-1).
                var shownInProgress = all?.Any(l => l.Id == missing.Id) == true;
                var guessed = false;
                if (!ended && refusedMasked && !shownInProgress && (model.Profile.MasksBeforeLookup || refusedAlike))
                {
                    // An account with masks of its own whose list leaves the couple out shows an end only by the kit's access rules.
                    var (othersList, masked) = await CoupleAccess.OthersListTellsAsync(context, Slot, missing, cancellationToken);
                    guessed = (othersList is null && refusedAlike) || (othersList == false && masked);
                    ended = othersList == false || guessed;
                }

                if (!ended && details.Status is >= 200 and < 300 && user.Masks.Length > 0)
                {
                    // Served, yet left out of a masked user's list: a couple in progress the list should hold, or one that
                    // ended, whose details a recorder goes on serving (endedCoupleDetails=served, inferred): another list tells.
                    var (othersList, masked) = await CoupleAccess.OthersListTellsAsync(context, Slot, missing, cancellationToken);
                    (ended, guessed) = othersList == false ? (true, masked) : (false, false);
                    if (!ended)
                    {
                        servedLeftOut.Add(missing.Id);
                    }
                }

                unfilteredList ??= all;
                model = ended ? model.WithCouple(missing with { Ended = true, EndUnproven = guessed }) : model;
                if (!ended && (model.Profile.OmitsUnseen || refusedInProgress || (refusedAlike && model.MaySee(user, missing))) && refusedMasked)
                {
                    hiddenByRecorder.Add(missing.Id);
                    checks.Add(Check.That("LST-5", false, model.MaySee(user, missing) ? $"couple {missing.Id} is one {user.Login} may see by the access rules (inferred), listed" : $"couple {missing.Id} is in progress outside the phone masks of {user.Login} (its details refused so, not as ended: endedCoupleDetails={model.Profile[Profiles.ProfileSettings.EndedCoupleDetails]}), listed without a link (unseenCouples={model.Profile[Profiles.ProfileSettings.UnseenCouples]})", "listed", $"left out, and its details refused ({details.Status})").Inferred() with { Neutral = true });
                }
            }
        }

        var expected = model.InProgress.Where(c => !c.Known ? listed.Any(l => l.Id == c.Id) : shouldMatch(c) && listable(c) && !hiddenByRecorder.Contains(c.Id)).Select(c => c.Id).Order().ToList();
        var actual = listed.Select(l => l.Id).Order().ToList();
        var rule = expected.SequenceEqual(actual) ? FilterRule(phone, ip) : await BlameAsync(context, model, actual, phone, ip, cancellationToken);
        var extra = actual.Except(expected).Select(model.Couples.GetValueOrDefault).ToList();
        rule = rule == "LST-3" ? Relaxed(model, expected, actual, extra, phone, ip) ?? rule : rule;
        // LST-4 documents that the filters combine; that both must match is our inference. On a real recorder a couple
        // has an original and a final called number (a transfer) and its details show one: which one the called side of a
        // phone filter matches is not documented, so couples listed beyond those expected by that filter alone may match
        // by the number the details do not show.
        // Only couples whose numbers as shown match the value on neither side (one that matches on the calling side is a
        // direction misread, LST-3), and not every other couple in progress (that is a filter ignored).
        // With an IP filter too, such a couple must match it (the server joins the two by "and").
        // The other way round, a couple the filter matches by the called number its details show alone may be left out:
        // the recorder matched its original called number, which differs.
        var ipMatches = Matching(context.Model.Profile, null, ip);
        var unmatched = model.InProgress.Count(c => c.Known && ipMatches(c) && !shouldMatch(c));
        var match = context.Model.Profile[Profiles.ProfileSettings.FilterMatch];
        var leftOut = expected.Except(actual).Select(model.Couples.GetValueOrDefault).ToList();
        // LST-4 says a filter finds a call: a recorder may list every couple of a call a filter matches (a transfer's or a
        // conference's other legs), though their own numbers and addresses do not match. Only couples in progress that share
        // a call with a couple the filters match, beyond every couple expected.
        // On a real recorder each couple's call as this list shows it: a join may have moved it since the model last looked
        // (the model follows the list's calls only below).
        var shownCalls = new Dictionary<long, long>();
        foreach (var item in context.Observing ? listed : [])
        {
            shownCalls.TryAdd(item.Id, item.CallId);
        }

        long CallOf(ModelCouple c) => shownCalls.GetValueOrDefault(c.Id, c.CallId);
        var expectedCalls = expected.Select(id => CallOf(model.Couples[id])).ToHashSet();
        // On any target: that a filter lists the couples it matches, not their calls, is filterScope's inference.
        var wholeCalls = rule == "LST-3" && extra.Count > 0 && expected.All(actual.Contains)
            && Phone.Value != ValueKind.Fragment && Ip.Value != ValueKind.Fragment
            && extra.All(c => c is { Known: true, Ended: false } && expectedCalls.Contains(CallOf(c)));
        // Under filterScope=call the other legs of the calls found are expected by that inference alone: a list that holds
        // every couple the filters match and leaves out only such legs differs on it.
        var legsLeftOut = rule == "LST-3" && extra.Count == 0 && leftOut.Count > 0 && context.Model.Profile[Profiles.ProfileSettings.FilterScope] == "call"
            && leftOut.All(c => c is { Known: true, Ended: false } && !ownMatch(c));
        wholeCalls |= legsLeftOut;
        // The other called number (see above), where the couples beyond those expected are not the rest of their calls.
        var otherCalledNumber = context.Observing && rule == "LST-3" && !wholeCalls && phone is not null && Phone.Value != ValueKind.Fragment && Ip.Value != ValueKind.Fragment
            && Phone.Read(context.Model.Profile) is null or "CALLED" or "BOTH" && extra.Count + leftOut.Count > 0
            && leftOut.All(c => c is { Known: true, Ended: false } && !FilterSpec.Matches(phone, "CALLING", c.CallingNumber, c.CalledNumber, match) && FilterSpec.Matches(phone, "CALLED", c.CallingNumber, c.CalledNumber, match))
            && extra.All(c => c is { Known: true, Ended: false } && c.CallingNumber != phone && c.CalledNumber != phone && ipMatches(c))
            && (extra.Count <= 1 || extra.Count < unmatched);
        // LST-5 says a couple without a link is one the user may not see: whether such couples are listed at all is
        // inferred (unseenCouples). A list that differs only by couples outside the user's phone masks, none of them
        // listed where the profile lists them, or some listed where it leaves them out (others may have ended unseen),
        // differs on that inference alone. A couple outside the masks listed with a link is one the recorder lets the user
        // see (the access rules are inferred too; the item's own check below names that).
        var unseen = model.InProgress.Where(c => c.Known && shouldMatch(c) && !model.MaySee(user, c)).Select(c => c.Id).ToHashSet();
        var unseenDiffer = user.Masks.Length > 0 && (model.Profile.OmitsUnseen
            ? actual.Except(expected).ToList() is { Count: > 0 } listedBeyond && listedBeyond.All(unseen.Contains) && expected.All(actual.Contains)
            : expected.Except(actual).ToList() is { Count: > 0 } missed && missed.All(unseen.Contains) && actual.All(expected.Contains) && !listed.Any(l => l.SelfHref is null && unseen.Contains(l.Id)));
        // Which number a recorder matches a masked user's masks against and whether a call's other legs count are inferred
        // (maskSide, maskScope), and so is whether it lists what they do not match (unseenCouples): an unfiltered list that
        // leaves out only couples the masks match on one side alone or by another leg (none of whose details the user was
        // served), or outside them where it lists none of those, and holds beyond those expected only couples outside them,
        // differs on those inferences, where one other way of matching the masks fits every couple it holds and leaves
        // out. Judged as LST-1, a recorder that matched the called number alone and left out the rest was said to break a
        // documented rule.
        var outsideLeftOut = !listed.Any(l => l.SelfHref is null && unseen.Contains(l.Id));
        var leftOutByMasks = expected.Except(actual).Where(id => !unseen.Contains(id)).Select(id => model.Couples[id]).ToList();
        var maskMatchDiffer = !unseenDiffer && rule == "LST-1" && user.Masks.Length > 0 && !expected.SequenceEqual(actual)
            && leftOutByMasks.All(c => model.MaySee(user, c) && user.MasksDecide(c) && !servedLeftOut.Contains(c.Id))
            && (outsideLeftOut || expected.Except(actual).All(id => !unseen.Contains(id)))
            && actual.Except(expected).All(unseen.Contains)
            && model.OtherMaskMatchings().Any(m => leftOutByMasks.All(c => !model.MaySee(user, c, m.Side, m.ByCall))
                // (by call, a listed link the couple's own numbers do not explain may rest on a leg whose numbers the kit never read)
                && listed.All(l => model.Couples.GetValueOrDefault(l.Id) is not { Known: true } c || model.MaySee(user, c, m.Side, m.ByCall) == (l.SelfHref is not null)
                    || (m.ByCall && l.SelfHref is not null && model.OtherLegs(c).Any(o => !o.Known))));
        var listCheck = Check.That(unseenDiffer || maskMatchDiffer ? "LST-5" : rule, expected.SequenceEqual(actual),
            rule == "LST-4" ? $"the couples listed (two filters joined as filterJoin={context.Model.Profile[Profiles.ProfileSettings.FilterJoin]} says: inferred)"
            : rule == "LST-6" && Phone.Value != ValueKind.Fragment && Ip.Value != ValueKind.Fragment ? $"the couples listed (a filter's value matches as filterMatch={context.Model.Profile[Profiles.ProfileSettings.FilterMatch]} says: inferred)"
            : legsLeftOut ? "the couples listed (that a filter lists every couple of the calls it finds, filterScope=call: inferred; LST-4 says a filter finds a call)"
            : wholeCalls ? "the couples listed (that a filter lists the couples it matches, not every couple of their calls: inferred; LST-4 says a filter finds a call)"
            : otherCalledNumber ? "the couples listed (that the called side matches the called number the details show, not another one such as the original called number, which they do not show: inferred)"
            : unseenDiffer && model.Profile.OmitsUnseen ? "the couples outside the user's phone masks are left out (inferred: unseenCouples=omitted)"
            : unseenDiffer ? "the couples outside the user's phone masks are listed too, without a self link (inferred: unseenCouples=listed)"
            : maskMatchDiffer ? $"the couples the user's phone masks match, {(model.Profile.OmitsUnseen ? "those outside left out" : "and those outside without a self link")} (inferred: how masks match, maskSide and maskScope; unseenCouples={model.Profile[Profiles.ProfileSettings.UnseenCouples]})"
            : "the couples listed", Ids(expected), Ids(actual)) with { TellsPart = TellsDirection(model, phone, ip, user, shouldMatch) };
        checks.Add(rule == "LST-4" ? listCheck.Inferred() : otherCalledNumber || wholeCalls || unseenDiffer || maskMatchDiffer ? listCheck.Inferred() with { Neutral = true } : listCheck);
        var followed = false;
        foreach (var item in listed)
        {
            if (!model.Couples.TryGetValue(item.Id, out var couple))
            {
                continue;
            }

            if (context.Observing && couple.CallId != item.CallId)
            {
                // On a real recorder a couple's call may change under it (a transfer or a conference joins two calls): a
                // legal event of its own story, which no rule forbids and no profile could describe. The model follows it.
                model = model.Moved(item.Id, item.CallId);
            }
            else
            {
                checks.Add(Check.Equal("LST-1", $"callId of couple {item.Id}", couple.CallId, item.CallId));
            }

            context.Memory.SawLinkOrNot(Slot, item.Id, "self", user.Login, item.SelfHref is not null);
            if (couple.Known)
            {
                // Who may see a couple is inferred (the access rules); LST-5's documented part, that the link and the
                // details agree, is checked when this user asks for the details (DetailsCommand).
                var may = model.MaySee(user, couple);
                if (item.SelfHref is null && context.Observing && context.AsksToTell && CallLegs.SeenThroughLegs(model, user, couple))
                {
                    // Listed without a link, a couple seen through other legs of its call that may have ended unseen (a
                    // filter that finds this couple alone): the user's unfiltered list tells, as for a couple left out above.
                    unfilteredList ??= await CallLegs.UnfilteredAsync(context, Slot, cancellationToken);
                    model = unfilteredList is null ? model : await CallLegs.EndedLegsAsync(context, Slot, model, couple, unfilteredList, user, cancellationToken);
                    may = model.MaySee(user, couple);
                }

                var predicted = Check.That("LST-5", may == (item.SelfHref is not null), "a couple carries a self link as the access rules predict (inferred)",
                    may ? "a self link" : "no self link", item.SelfHref ?? "no self link").Inferred() with { Neutral = true };
                // The first link shown against the prediction is followed (one read a list): the server's own answer tells
                // whether the link breaks LST-5's documented part or only the access rules differ.
                Check? contradicted = null;
                if (!predicted.Passed && !followed && item.SelfHref is not null)
                {
                    followed = true;
                    contradicted = await CoupleAccess.LinkShownThenRefusedAsync(context, Slot, item.Id, cancellationToken);
                }

                checks.Add(contradicted ?? predicted);
            }

            if (item.SelfHref is { } href)
            {
                var origin = model.Profile.LinkOriginFor(context.Wire.Origin);
                var compared = Profiles.KitProfile.Comparable(href, new Uri(context.Wire.Origin, "callrec/restful/couples.xml"));
                var from = origin.Length == 0 ? "relative, a path from the root (inferred: linkOrigin=relative)"
                    : $"absolute, from {(origin == context.Wire.Origin.GetLeftPart(UriPartial.Authority) ? "the scheme, host and port used" : origin)} (inferred: linkOrigin)";
                checks.Add(Check.That("LST-5", compared.StartsWith(origin + "/", StringComparison.Ordinal), $"the self link is {from}", $"{origin}/…", href).Inferred());
                checks.Add(Check.That("DET-3", Profiles.KitProfile.PlainIds(compared) == $"{origin}/callrec/restful/couples.xml/{item.Id}", "the self link is the details path", $"{origin}/callrec/restful/couples.xml/{item.Id}", href));
                context.Memory.SawLink(Slot, item.Id, href, user.Login);
            }
        }

        return model;
    }

    private static string Ids(List<long> ids) => ids.Count == 0 ? "none" : string.Join(", ", ids);

    private static string Short(string text) => text.Length <= 200 ? text : text[..200] + "…";

    public override IEnumerable<Command> Shrink()
    {
        if (Phone.Value != ValueKind.None || Phone.Direction is not null)
        {
            yield return this with { Phone = FilterSpec.None };
        }

        if (Ip.Value != ValueKind.None || Ip.Direction is not null)
        {
            yield return this with { Ip = FilterSpec.None };
        }

        if (Slot != 0)
        {
            yield return this with { Slot = 0 };
        }
    }

    public override string ToString() => $"{ModelSlot.Name(Slot)}: list(phone={Phone}, ip={Ip})";
}
