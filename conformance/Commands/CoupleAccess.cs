using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// Which refusal a request on one couple meets first. The API reference says what is refused, not in which order:
/// the order is the profile's <c>refusalOrder</c> (DET-3, PSE-4) and, for a pause, <c>badPausedOrder</c> (PSE-2). Null: allowed.
/// </summary>
internal static class CoupleAccess
{
    public static StatusCheck? Refusal(StepContext context, int slot, long coupleId, bool pausing, string rule, StatusCheck? badParameter = null)
    {
        var model = context.Model;
        var user = model.UserOf(slot);
        model.Couples.TryGetValue(coupleId, out var couple);
        // endedCoupleDetails=served: the details of a couple that has ended are judged as while it was in progress.
        var served = !pausing && model.Profile.ServesEndedDetails;
        var order = model.Profile.RefusalOrder switch
        {
            "couple-first" => "LUCMR",
            "rights-first" => "LCRUM",
            "masks-first" => "LCMUR",
            "rights-and-masks-first" => "LCRMU",
            _ => "LCUMR",
        };
        order = model.Profile.BadPausedOrder switch
        {
            "before-login" => "P" + order,
            "after-login" => order.Insert(1, "P"),
            "before-couple" => order.Insert(order.IndexOfAny(['U', 'M']), "P"),
            _ => order + "P",
        };
        // endedCoupleDetails=served, where calls come and go: a recorder that reads its calls from a database may serve an
        // ended couple's details for a while and then forget it, answering it as one it does not know; a refusal the order
        // puts after the lookup may then be the unknown couple's status (an independent recorder's kiosk got 404 for a
        // couple served before, and the kit called it a difference no setting describes).
        var forgettable = served && context.CallsComeAndGo && couple is { Ended: true };
        var lookedUp = false;
        foreach (var step in order)
        {
            var refusal = step switch
            {
                'L' when user is null => context.NotLoggedIn(slot, rule, "no logged-in session"),
                'P' => badParameter,
                _ when user is null => null,
                // outsidePauseStatus: a pause is refused as the details are (as-details), or 403 whatever they answer.
                'C' when !user.CallList => WithoutCallListStatus(model, pausing) == 403
                    ? new StatusCheck(403, rule, $"{user.Login} lacks Call List{(pausing && model.Profile.WithoutCallListStatus != 403 ? " (outsidePauseStatus=403)" : string.Empty)}") { ByAccessRules = true }
                    : new StatusCheck(model.Profile.WithoutCallListStatus, rule, $"{user.Login} lacks Call List (withoutCallListStatus={model.Profile.WithoutCallListStatus}{(pausing ? ", outsidePauseStatus=as-details" : string.Empty)})") { ByAccessRules = true },
                'U' when couple is null => new StatusCheck(model.Profile.UnknownCoupleStatus, rule, $"couple {coupleId} is not in progress{(model.Profile.UnknownCoupleStatus == 404 ? string.Empty : $" (unknownCoupleStatus={model.Profile.UnknownCoupleStatus})")}"),
                // Where calls come and go on their own, a recorder may forget a couple that ended many calls ago (the
                // simulator keeps the latest 10,000): it is then one it does not know, answered with unknownCoupleStatus.
                'U' when couple.Ended && !served => new StatusCheck(model.Profile.EndedCoupleStatus, rule, $"couple {coupleId} is not in progress{(model.Profile.EndedCoupleStatus == 404 ? string.Empty : $" (it has ended: endedCoupleStatus={model.Profile.EndedCoupleStatus})")}{(context.CallsComeAndGo && model.Profile.UnknownCoupleStatus != model.Profile.EndedCoupleStatus ? $"; or unknownCoupleStatus={model.Profile.UnknownCoupleStatus}, where the recorder has forgotten it" : string.Empty)}")
                {
                    Also = context.CallsComeAndGo ? new HashSet<int> { model.Profile.UnknownCoupleStatus } : new HashSet<int>(),
                },
                'M' when couple is { Known: true } && (!couple.Ended || served) && !model.MaySee(user, couple) => new StatusCheck(OutsideStatus(model, pausing), rule, $"couple {coupleId} is outside the phone masks of {user.Login}{Outside(model, pausing)}") { ByAccessRules = true },
                // Masks before "is it in progress": a couple that is not in progress (unknown, or ended) has no number
                // within them, as the recorder matches the masks against the couples in progress.
                'M' when model.Profile.MasksBeforeLookup && user.Masks.Length > 0 && (couple is null || (couple.Ended && !served) || (couple.Known && !model.MaySee(user, couple))) =>
                    new StatusCheck(OutsideStatus(model, pausing), rule, $"couple {coupleId} is outside the phone masks of {user.Login} (refusalOrder={model.Profile.RefusalOrder}){Outside(model, pausing)}") { ByAccessRules = true },
                'R' when pausing && !user.PauseAndResume => new StatusCheck(403, rule, $"{user.Login} lacks Pause and Resume Calls") { ByAccessRules = true },
                _ => null,
            };
            if (refusal is not null)
            {
                return lookedUp && forgettable && refusal.Status != model.Profile.UnknownCoupleStatus
                    ? refusal with { Also = new HashSet<int>(refusal.Also) { model.Profile.UnknownCoupleStatus }, Why = $"{refusal.Why}; or unknownCoupleStatus={model.Profile.UnknownCoupleStatus}, where the recorder has forgotten the ended couple it served (endedCoupleDetails=served)" }
                    : refusal;
            }

            lookedUp |= step == 'U';
        }

        return null;
    }

    /// <summary>The status of the details (withoutCallListStatus) or a pause (outsidePauseStatus) of a couple to a user without Call List.</summary>
    private static int WithoutCallListStatus(ModelState model, bool pausing) => Hidden(model, pausing, model.Profile.WithoutCallListStatus);

    /// <summary>The status of the details (outsideAccessStatus) or a pause (outsidePauseStatus) of a couple outside the masks.</summary>
    private static int OutsideStatus(ModelState model, bool pausing) => Hidden(model, pausing, model.Profile.OutsideAccessStatus);

    /// <summary>outsidePauseStatus: a pause of a couple the details refuse or hide is answered as they are, or 403.</summary>
    private static int Hidden(ModelState model, bool pausing, int detailsStatus) =>
        pausing && model.Profile[Profiles.ProfileSettings.OutsidePauseStatus] == "403" ? 403 : detailsStatus;

    /// <summary>The words for a status of a couple outside the masks that is not the default 403.</summary>
    private static string Outside(ModelState model, bool pausing) =>
        OutsideStatus(model, pausing) == 403
            ? (pausing && model.Profile.OutsideAccessStatus != 403 ? " (outsidePauseStatus=403)" : string.Empty)
            : $" (outsideAccessStatus={model.Profile.OutsideAccessStatus})";

    /// <summary>
    /// An answer that grants (2xx) or refuses (403, or a 404 under outsideAccessStatus=404) otherwise than the access rules predict. Those rules are inferred
    /// (mask matching, which number a mask applies to, no masks = every call, pausing needs access to the details), so
    /// only the server's own links make it a documented fault: the list's self link or its absence (LST-5) and the
    /// details' pausedState link (DET-2) say what this user may do. Null: the answer agrees, is no grant or refusal, or the
    /// couple's numbers are unknown (no prediction), or a 403 came to a session something else may have ended.
    /// <paramref name="asked"/>: the state a pause or resume asks for (null: the details); <paramref name="inForm"/>: whether
    /// paused was in its form body. A pausedState link shown makes only some refusals documented faults (<see cref="RefusalTells"/>).
    /// <paramref name="shownAlive"/>: the session was seen alive right after a 403, so nothing else ended it.
    /// </summary>
    public static Check? Disagreement(StepContext context, int slot, long coupleId, StatusCheck? refusal, int status, string rel, bool? asked = null, bool inForm = true, bool shownAlive = false)
    {
        var user = context.Model.UserOf(slot);
        var outside = context.Model.Profile.OutsideAccessStatus;
        // A 404 or 410 to a masked user for a couple in progress that the kit's rules let the user see only by how they
        // match the masks (inferred): a recorder that matches them otherwise refuses it as outside (outsideAccessStatus=404,
        // or the couple's own refusal, a 410). Judged as a grant refused, a faithful recorder that matched the calling
        // number alone had its pause called a PSE-1 break. (An end meanwhile is told apart before: EndedMeanwhileAsync.)
        var maskRefused = refusal is null && status is (404 or 410) && user is not null
            && context.Model.Couples.TryGetValue(coupleId, out var judged) && !judged.Ended && user.MasksDecide(judged);
        if (user is null || refusal is { ByAccessRules: false } || (status is not (403 or (>= 200 and < 300)) && status != outside && !maskRefused) || (status == 403 && !shownAlive && context.SessionMayHaveEnded(slot)))
        {
            return null;
        }

        var granted = status is >= 200 and < 300;
        var refused = (refusal?.Status ?? 403).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (linkRule, inferredRule, what) = rel == "self" ? ("LST-5", "DET-3", "the details") : ("DET-2", "PSE-4", "a pause or resume");
        var actual = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // LST-5 says a missing self link means no permission; DET-2 only that a pausedState link means one.
        if (context.Memory.Showed(slot, coupleId, rel, user.Login) is { } shown && shown != granted && (shown || rel == "self") && !Stale(context, user, coupleId) && (granted || asked is null || RefusalTells(context, coupleId, asked.Value, inForm)))
        {
            return Check.That(linkRule, false, $"{what} {(shown ? "granted, as" : "refused, as")} the {rel} link shown to the same user said", shown ? "granted" : refused, actual);
        }

        if (granted == (refusal is null) || !context.Model.Couples.TryGetValue(coupleId, out var couple) || (!couple.Known && user.Masks.Length > 0))
        {
            return null;
        }

        return Check.That(inferredRule, false, $"{what} granted or refused as the access rules predict (inferred)", refusal is null ? "granted" : refused, actual).Inferred() with { Neutral = true };
    }

    /// <summary>
    /// Whether a 403 to a pause or resume, where the pausedState link was shown, contradicts the link: only for a pause
    /// (<paramref name="asked"/> true) with paused in a form body of a couple the model has recording. A 403 may be a
    /// recorder's way of saying there is nothing to change (PSE-3 says that succeeds, an inference); one may let only
    /// whoever put a hold on take it off, refusing others' resumes while it shows them the link (the user may pause and
    /// resume that call); where paused is read besides a form body is PSE-3's inference, and a recorder may refuse a
    /// POST without a form before it looks at anything else.
    /// </summary>
    private static bool RefusalTells(StepContext context, long coupleId, bool asked, bool inForm) =>
        asked && inForm && context.Model.Couples.TryGetValue(coupleId, out var couple) && !couple.Paused;

    /// <summary>
    /// DET-2 after a pause or resume refused with a 403 where the access rules (inferred) predicted it granted, and no
    /// link shown before told: the couple's details, read at once in the same session, say whether the server lets the
    /// user pause it. A pausedState link there makes a refused pause a documented fault (the link is there only if the user
    /// may pause; <see cref="RefusalTells"/> says which refusals count) where those details show the couple still
    /// recording too (on a real recorder someone may have paused it meanwhile, and a 403 may say there is nothing to
    /// change), and the link cannot stand for the couple's call rather than the couple (<see cref="Stale"/>); otherwise
    /// the difference stays the inferred rules'. A recorder that refused one account's pauses of one couple while its
    /// details showed the link was, without this read, only said to differ.
    /// </summary>
    public static async Task<Check?> LinkShownAfterRefusalAsync(StepContext context, int slot, long coupleId, StatusCheck? refusal, bool asked, int status, CancellationToken cancellationToken)
    {
        if (!context.AsksToTell || status != 403 || context.Model.UserOf(slot) is not { } user || context.Memory.Showed(slot, coupleId, "pausedState", user.Login) is not null
            || !RefusalTells(context, coupleId, asked, inForm: true) || Stale(context, user, coupleId))
        {
            return null;
        }

        var answer = await context.Wire.SendAsync(slot, HttpMethod.Get, $"callrec/restful/couples.xml/{coupleId}", cancellationToken: cancellationToken);
        return answer.Status == 200 && Wire.Documents.Of(answer.Body) is { } details
            && JudgedByLink(context, slot, coupleId, refusal, status, asked, inForm: true, details) is { InferredPart: false } documented ? documented : null;
    }

    /// <summary>
    /// LST-5 after a list showed a self link that the access rules (inferred) say the user may not have: the couple's
    /// details, read at once in the same session, tell. Refused (403, where nothing may have ended the session), the link
    /// contradicts the server's own answer, which LST-5 documents as a fault; granted, the difference stays the inferred
    /// rules'. A recorder that linked every couple for everyone while refusing the details outside the masks was, without
    /// this read, only said to differ, as the scenario stopped at the list.
    /// </summary>
    public static async Task<Check?> LinkShownThenRefusedAsync(StepContext context, int slot, long coupleId, CancellationToken cancellationToken)
    {
        if (!context.AsksToTell)
        {
            return null;
        }

        var answer = await context.Wire.SendAsync(slot, HttpMethod.Get, $"callrec/restful/couples.xml/{coupleId}", cancellationToken: cancellationToken);
        if (answer.Status != 403)
        {
            return null;
        }

        // Where a lockout (wrong passwords sent), another login of the user or an idle may have ended the session, the list
        // in the same session tells: served, the session lives, and the 403 is the details' own (SES-1: the list needs one).
        var alive = context.SessionMayHaveEnded(slot) && (await context.Wire.SendAsync(slot, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken)).Status == 200;
        return Disagreement(context, slot, coupleId, Refusal(context, slot, coupleId, pausing: false, "DET-3"), answer.Status, "self", shownAlive: alive) is { InferredPart: false } documented
            ? documented
            : null;
    }

    /// <summary>
    /// A pause or resume refused with <paramref name="status"/>, judged by the couple's <paramref name="details"/> the same
    /// user read in the same session right after (noted as that user's sighting of the link): <see cref="Disagreement"/>,
    /// where only details that show the couple in the other state than asked make the refusal one of a change.
    /// </summary>
    public static Check? JudgedByLink(StepContext context, int slot, long coupleId, StatusCheck? refusal, int status, bool asked, bool inForm, Wire.Documents.Details details)
    {
        if (context.Model.UserOf(slot) is not { } user)
        {
            return null;
        }

        context.Memory.SawLinkOrNot(slot, coupleId, "pausedState", user.Login, details.PausedStateHref is not null);
        var changes = string.Equals(details.Paused, asked ? "false" : "true", StringComparison.OrdinalIgnoreCase);
        return Disagreement(context, slot, coupleId, refusal, status, "pausedState", asked, inForm && changes);
    }

    /// <summary>
    /// Whether a link shown (or left out) earlier may no longer say what the user may do with the couple: it has ended since
    /// (under refusalOrder=masks-first or rights-and-masks-first an ended couple is refused as outside the masks, though its link was shown), or under
    /// maskScope=call the user's access rests on the other couples of its call, which may have joined or ended since (on a
    /// recorder whose calls come and go unseen, or by the kit's own hand); so may it on a recorder that matches masks by
    /// call where the profile says otherwise (maskScope is inferred), for a couple of a call with other legs that the masks
    /// do not match on both of its own numbers.
    /// </summary>
    private static bool Stale(StepContext context, ModelUser user, long coupleId) =>
        !context.Model.Couples.TryGetValue(coupleId, out var couple) || couple.Ended
        || (context.Model.Profile.MasksByCall && user.Masks.Length > 0 && !(couple.Known && user.MaySee(couple, context.Model.Profile.MaskSide)))
        || (user.MasksDecide(couple) && context.Model.OtherLegs(couple).Any());

    /// <summary>
    /// On a real recorder, a 404 for a couple the model holds in progress means it ended meanwhile (a legal event), and so
    /// does a 410 Gone (that an ended couple is a 404 is DET-3's inference, checked when the kit asks for it again),
    /// provided the rules would have looked the couple up at all; on a simulator with traffic, only for a couple the kit
    /// did not start.
    /// </summary>
    public static async Task<bool> EndedMeanwhileAsync(StepContext context, int slot, long coupleId, int status, CancellationToken cancellationToken) =>
        (EndedMeanwhile(context, slot, coupleId, status) && !await HiddenStillListedAsync(context, slot, coupleId, cancellationToken)
            // Under endedCoupleStatus or unknownCoupleStatus=204 that answer is a pause taken as well: only a list without
            // the couple tells that it ended.
            && (status is < 200 or >= 300 || await NoLongerListedAsync(context, slot, coupleId, cancellationToken)))
        || (status == 403 && context.Observing && context.CallsComeAndGo
            && context.Model.Profile.MasksBeforeLookup && context.Model.UserOf(slot) is { CallList: true, Masks.Length: > 0 } user
            && context.Model.Couples.TryGetValue(coupleId, out var couple) && couple is { Ended: false, Known: true } && context.Model.MaySee(user, couple)
            && await UnlistedForEndedAsync(context, slot, couple, cancellationToken));

    /// <summary>
    /// Whether the user's own list shows <paramref name="couple"/> ended: it lacks the couple, and holds a couple without
    /// a self link (the recorder lists couples outside the masks, so one it lacks is not in progress), or no other list
    /// holds it: the run's observer's, in a session of its own where no slot is its, else another of the scenario's
    /// sessions'. A recorder that leaves out what the masks do not match (unseenCouples=omitted) and matches them
    /// otherwise than the kit's rules (maskSide, maskScope: inferred) lacks a couple in progress as well: a plain refusal
    /// of access was taken for an end, and refusalOrder=masks-first named for it. Where no other list can be read the
    /// end stands, as before: judged as a refusal, a 403 to a couple that did end would contradict a link shown earlier.
    /// </summary>
    private static async Task<bool> UnlistedForEndedAsync(StepContext context, int slot, ModelCouple couple, CancellationToken cancellationToken)
    {
        var list = await context.Wire.SendAsync(slot, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        if (list.Status != 200 || Wire.Documents.List(list.Body) is not { } items || items.Any(item => item.Id == couple.Id))
        {
            return false;
        }

        var elsewhere = items.Any(item => item.SelfHref is null) ? false
            : context.ObserverMayLogIn && context.Observer is var (_, listsAsync) ? await listsAsync(couple.Id, cancellationToken)
            : await OthersListAsync(context, slot, couple, cancellationToken);
        return elsewhere != true;
    }

    /// <summary>
    /// A 404 (or 410) on a real recorder for a couple the user may not see, outside the user's phone masks or asked for
    /// by a user without Call List, may be its refusal (as a query filtered by what the user may see finds nothing), not
    /// an end: the user's own list, which holds a couple outside the masks without a link, tells; and where it does not
    /// (under unseenCouples=omitted it never does; a user without Call List has none), the list of an account that may
    /// see the couple (<see cref="OthersListAsync"/>). Still listed, the couple has not ended, and the
    /// answer is judged as a refusal (outsideAccessStatus, withoutCallListStatus). So for a masked user the kit's rules let
    /// see: which number a mask must match and whether the call's other legs count (maskSide, maskScope) are inferred, and a
    /// recorder that matches otherwise answers its own outsideAccessStatus; still listed, the answer is judged against the
    /// grant those rules predict, a difference on them (<see cref="Disagreement"/>). Taken for an end, a 404 on an
    /// independent recorder that matched the calling number alone made the kit name endedCoupleDetails=served when another
    /// account read the couple's details.
    /// </summary>
    private static async Task<bool> HiddenStillListedAsync(StepContext context, int slot, long coupleId, CancellationToken cancellationToken)
    {
        // A couple whose numbers the kit never read (one that came with the recorder's traffic) may as well be outside the masks.
        if (!context.Observing || context.Model.UserOf(slot) is not { } user
            || !context.Model.Couples.TryGetValue(coupleId, out var couple) || couple.Ended
            || (user.CallList && user.Masks.Length == 0))
        {
            return false;
        }

        return (user.CallList && await ListsAsync(context, slot, coupleId, cancellationToken) == true) || await OthersListAsync(context, slot, couple, cancellationToken) == true;
    }

    /// <summary>
    /// Whether the list of another account that may see <paramref name="couple"/> holds it: another of the scenario's
    /// sessions, or the run's observer in a session of its own, only where the observer may see the couple and no session
    /// of the scenario is the observer's (<see cref="StepContext.ObserverMayLogIn"/>: its login must end none of them, under
    /// any sessionsPerUser; it logs out after its read). Null when no such account's list could be read. (Asked only where
    /// the probe had measured sessionsPerUser=many, a run without a probed profile took a masked user's 404 for a couple
    /// the recorder's own matching of the masks hid for an end.)
    /// </summary>
    internal static async Task<bool?> OthersListAsync(StepContext context, int slot, ModelCouple couple, CancellationToken cancellationToken) =>
        (await OthersListTellsAsync(context, slot, couple, cancellationToken)).Listed;

    /// <summary>
    /// <see cref="OthersListAsync"/>, an account without phone masks first, and whether the account whose list was read
    /// has masks: a couple such a list leaves out is one the kit's access rules (inferred) say it would hold, which the
    /// recorder's own matching may not share, so an end it shows is a guess.
    /// </summary>
    internal static async Task<(bool? Listed, bool Masked)> OthersListTellsAsync(StepContext context, int slot, ModelCouple couple, CancellationToken cancellationToken)
    {
        var seer = Enumerable.Range(0, ModelState.SlotCount).Where(s => s != slot && !context.SessionMayHaveEnded(s))
            .Where(s => context.Model.UserOf(s) is { CallList: true } other && context.Model.MaySee(other, couple))
            .OrderBy(s => context.Model.UserOf(s)!.Masks.Length > 0).FirstOrDefault(-1);
        if (seer >= 0)
        {
            return (await ListsAsync(context, seer, couple.Id, cancellationToken), context.Model.UserOf(seer)!.Masks.Length > 0);
        }

        return context.ObserverMayLogIn && context.Observer is var (login, listsAsync)
            && context.Model.Users.GetValueOrDefault(login) is { CallList: true } observer && context.Model.MaySee(observer, couple)
            ? (await listsAsync(couple.Id, cancellationToken), observer.Masks.Length > 0)
            : (null, false);
    }

    /// <summary>
    /// A 2xx that may be an end (a 204 under endedCoupleStatus or unknownCoupleStatus=204) or a request taken: the couple
    /// ended where a list that shows it while in progress no longer holds it. The user's own list shows it only where the
    /// user has Call List (without it the list is refused or empty, LST-7) and may see the couple or the recorder lists
    /// couples outside the masks too (unseenCouples); else another account's list is asked. Where no list tells, the
    /// access rules decide: for a user they refuse (no Call List, the couple outside the masks) a 2xx is the answer for a
    /// couple not in progress, as the refusal order put the couple first, and the end is taken as a guess a later answer
    /// may take back (<see cref="TakenForEnded"/>); for a user they allow, the answer is judged as a grant.
    /// </summary>
    private static async Task<bool> NoLongerListedAsync(StepContext context, int slot, long coupleId, CancellationToken cancellationToken)
    {
        var user = context.Model.UserOf(slot)!;
        var couple = context.Model.Couples[coupleId];
        var listed = user.CallList && (!context.Model.Profile.OmitsUnseen || context.Model.MaySee(user, couple))
            ? await ListsAsync(context, slot, coupleId, cancellationToken)
            : await OthersListAsync(context, slot, couple, cancellationToken);
        return listed == false || (listed is null && !context.Model.MaySee(user, couple));
    }

    /// <summary>
    /// Under refusalOrder=masks-first (or rights-and-masks-first) a recorder refuses a user with masks a couple that ended (403) as one it does not
    /// know: the user's own list, which shows every couple within the masks, tells whether it is still in progress.
    /// </summary>
    /// <returns>Whether the user's list holds the couple; null when the list could not be read.</returns>
    private static async Task<bool?> ListsAsync(StepContext context, int slot, long coupleId, CancellationToken cancellationToken)
    {
        var list = await context.Wire.SendAsync(slot, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        return Wire.Documents.Holds(list, coupleId);
    }

    /// <summary>
    /// The couple taken for ended on <paramref name="status"/>. Where that status is also the refusal of a couple outside
    /// the user's phone masks (outsideAccessStatus=404) and no list could tell the two apart (a recorder that leaves such
    /// couples out of the user's list, no other session that may look), or is a 404 or 410 for a couple only how the masks
    /// are matched lets the user see (maskSide, maskScope: inferred), or came to a user without Call List (whom a
    /// recorder may answer 404 for any couple, withoutCallListStatus, and who has no list), or the status is a 2xx no list could confirm
    /// for a user the access rules refuse the couple (<see cref="NoLongerListedAsync"/>), the end is a guess: an answer that later shows
    /// the couple in progress (listed, its details, a pause taken) takes it back (<see cref="ShownInProgress"/>).
    /// </summary>
    public static ModelCouple TakenForEnded(StepContext context, int slot, ModelCouple couple, int status) => couple with
    {
        Ended = true,
        EndUnproven = (status == context.Model.Profile.OutsideAccessStatus && context.Model.UserOf(slot) is { Masks.Length: > 0 } user && (!couple.Known || !context.Model.MaySee(user, couple)))
            // A 404 or 410 for a couple only the kit's matching of the masks lets the user see, where no list held it: a
            // recorder that matches them otherwise refuses it so, and a list of another masked account may leave it out alike.
            || (status is 404 or 410 && context.Model.UserOf(slot) is { } masked && masked.MasksDecide(couple))
            || context.Model.UserOf(slot) is { CallList: false }
            || (status is >= 200 and < 300 && context.Model.UserOf(slot) is { } asker && !context.Model.MaySee(asker, couple)),
    };

    /// <summary>The model with the couple in progress again where its end was a guess (<see cref="TakenForEnded"/>) and an answer shows it is not.</summary>
    public static ModelState ShownInProgress(ModelState model, long coupleId) =>
        model.Couples.TryGetValue(coupleId, out var couple) && couple is { Ended: true, EndUnproven: true }
            ? model.WithCouple(couple with { Ended = false, EndUnproven = false })
            : model;

    /// <summary>
    /// The model with a guessed end taken back (<see cref="TakenForEnded"/>) where <paramref name="status"/> is what the
    /// rules answer the couple in progress and not what they answer it ended: a 400 for a bad paused checked after the
    /// couple, say, or a refusal of a right checked after it. Also sets the context's model.
    /// </summary>
    public static ModelState InProgressByRefusal(StepContext context, int slot, long coupleId, bool pausing, string rule, int status, StatusCheck? badParameter = null)
    {
        var model = context.Model;
        // A 403 to a session that may have ended meanwhile tells nothing of the couple.
        if (!model.Couples.TryGetValue(coupleId, out var couple) || couple is not { Ended: true, EndUnproven: true } || (status == 403 && context.SessionMayHaveEnded(slot)))
        {
            return model;
        }

        var asEnded = Refusal(context, slot, coupleId, pausing, rule, badParameter);
        context.Model = ShownInProgress(model, coupleId);
        var asInProgress = Refusal(context, slot, coupleId, pausing, rule, badParameter);
        if (asInProgress is not null && asInProgress.Status == status && asEnded?.Status != status)
        {
            return context.Model;
        }

        context.Model = model;
        return model;
    }

    public static bool EndedMeanwhile(StepContext context, int slot, long coupleId, int status) =>
        (status == 404 || status == context.Model.Profile.EndedCoupleStatus || status == context.Model.Profile.UnknownCoupleStatus || (status == 410 && context.Observing)) && context.Model.UserOf(slot) is { } user
        && (user.CallList || context.Model.Profile.RefusalOrder == "couple-first")
        && context.Model.Couples.TryGetValue(coupleId, out var couple) && MayEndOnItsOwn(context, couple);

    /// <summary>
    /// Whether <paramref name="couple"/>, in progress in the model, may have ended without the kit: on a real recorder any
    /// couple may; on a simulator with traffic only one the kit found listed (traffic started it), never one of the
    /// kit's world or one the kit started itself, whose numbers the kit knows.
    /// </summary>
    public static bool MayEndOnItsOwn(StepContext context, ModelCouple couple) =>
        context.CallsComeAndGo && !couple.Ended && (context.Observing || !couple.Known);
}
