using System.Globalization;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;

namespace PauseResume.Conformance.Probe;

/// <summary>The probes of how access is refused and what lists show: the order of refusals and of bad parameters, couples outside a user's masks, the origin of links.</summary>
internal sealed partial class Prober
{
    /// <summary>A list with an invalid direction (LST-6): where it is refused tells badDirectionOrder, and proves a login.</summary>
    private const string BadDirection = "callrec/restful/couples.xml?phoneNumber=0000000&phoneNumberDirection=EITHER";

    /// <summary>
    /// badDirectionOrder (LST-6): an invalid direction, whose status was just seen, without a session, then from an account
    /// without Call List. Only a refusal of its own proves that account's login took (nothing else it may ask for answers
    /// other than 403, as a login that failed does), so a 403 keeps the default rather than observing it.
    /// </summary>
    private async Task ProbeParameterOrderAsync(Wire.Wire wire, ModelUser? none, int? invalid, CancellationToken cancellationToken)
    {
        if (invalid is null or 403)
        {
            Kept(ProfileSettings.BadDirectionOrder, "an invalid direction is not told apart from a refusal (403)");
            return;
        }

        var anonymous = await wire.SendAsync(1, HttpMethod.Get, BadDirection, withSession: false, cancellationToken: cancellationToken);
        if (anonymous.Status == invalid)
        {
            Observe(ProfileSettings.BadDirectionOrder, "before-login", $"without a session, an invalid direction is answered {anonymous.Status}");
            return;
        }

        if (none is null)
        {
            Kept(ProfileSettings.BadDirectionOrder, "needs an account without Call List (RIGHTS none)");
            return;
        }

        await wire.LoginAsync(1, none, cancellationToken);
        var noList = await wire.SendAsync(1, HttpMethod.Get, BadDirection, cancellationToken: cancellationToken);
        var how = $"an invalid direction is answered {anonymous.Status} without a session, {noList.Status} from {none.Login} (no Call List)";
        if (anonymous.Status == 403 && noList.Status == invalid)
        {
            Observe(ProfileSettings.BadDirectionOrder, "after-login", how);
        }
        else if (anonymous.Status == 403 && noList.Status == 200 && Wire.Documents.List(noList.Body) is { Count: 0 })
        {
            Observe(ProfileSettings.BadDirectionOrder, "after-access", how + ": the empty list of an account without Call List (listWithoutCallList=empty) came first");
        }
        else if (anonymous.Status == 403 && noList.Status == 403)
        {
            Kept(ProfileSettings.BadDirectionOrder, how + $": refused after the access checks, or {none.Login}'s login did not take, which nothing can tell for an account without Call List");
        }
        else
        {
            Observe(ProfileSettings.BadDirectionOrder, null, how);
        }
    }

    /// <summary>
    /// listWithoutCallList (LST-7): the list of an account without Call List. A 403 is the default's refusal, or a login that
    /// did not take, which nothing can tell for such an account: taken, not proven. A 200 proves both.
    /// </summary>
    private async Task ProbeListWithoutCallListAsync(Wire.Wire wire, ModelUser? none, CancellationToken cancellationToken)
    {
        if (none is null)
        {
            Kept(ProfileSettings.ListWithoutCallList, "needs an account without Call List (RIGHTS none)");
            return;
        }

        await wire.LoginAsync(1, none, cancellationToken);
        var list = await wire.SendAsync(1, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        await wire.LogoutAsync(1, cancellationToken);
        var how = $"{none.Login} (no Call List) listing gets {list.Status}";
        if (list.Status == 403)
        {
            Assumed(ProfileSettings.ListWithoutCallList, "refused", how + $", which a login that did not take gets too");
            return;
        }

        var listed = list.Status == 200 ? Wire.Documents.List(list.Body) : null;
        Observe(ProfileSettings.ListWithoutCallList, listed is { Count: 0 } ? "empty" : null, how + (listed is null ? string.Empty : $" with {listed.Count} couple(s)"));
    }

    /// <summary>
    /// badPausedOrder (PSE-2): a pause without <c>paused</c> (the request a strict recorder refuses with 400) for a couple
    /// that does not exist, so no call is touched whatever the recorder reads: without a session, then from the main
    /// account beside the same pause with <c>paused=false</c>. 400 from the main account: the parameter is checked before
    /// the couple is looked up, right after the login or after the rights checked before the couple, which the account
    /// without Call List tells apart; the good value's refusal (404, or 410) too: after every access check, where <c>paused</c>
    /// was seen read strictly (under jaxrs-lenient a pause without <c>paused</c> is a resume, no bad parameter). A 403 for
    /// the good value is an unknown couple's refusal only where refusalOrder=masks-first was seen and the account has phone
    /// masks; otherwise it may be a session that is no longer logged in, which tells nothing.
    /// </summary>
    private async Task ProbePausedOrderAsync(Wire.Wire wire, ModelUser? none, long missing, CancellationToken cancellationToken)
    {
        var path = $"callrec/restful/couples.xml/{missing}/pausedState";
        var anonymous = await wire.SendAsync(1, HttpMethod.Post, path, "pause=true", withSession: false, cancellationToken: cancellationToken);
        if (anonymous.Status == 400)
        {
            Observe(ProfileSettings.BadPausedOrder, "before-login", $"without a session, a pause without paused is answered {anonymous.Status}");
            return;
        }

        var bad = await wire.SendAsync(0, HttpMethod.Post, path, "pause=true", cancellationToken: cancellationToken);
        var good = await wire.SendAsync(0, HttpMethod.Post, path, "paused=false", cancellationToken: cancellationToken);
        var where = string.Empty;
        if (bad.Status == 400 && good.Status == 400)
        {
            // A recorder that reads paused from the query string alone (pausedLocation=query, PSE-3) finds none in a form:
            // the good value sent there is the one it reads.
            var inQuery = await wire.SendAsync(0, HttpMethod.Post, path + "?paused=false", string.Empty, cancellationToken: cancellationToken);
            (good, where) = inQuery.Status != 400 ? (inQuery, " in the query string (400 in a form body)") : (good, string.Empty);
        }

        var how = $"for couple {missing}, which does not exist, a pause without paused is answered {anonymous.Status} without a session, {bad.Status} from {mainAccount!.Login}, who gets {good.Status} with paused=false{where}";
        if (anonymous.Status == 403 && bad.Status == 400 && good.Status != 400)
        {
            await ProbeBeforeTheCoupleAsync(wire, none, path, how, cancellationToken);
        }
        else if (anonymous.Status == 403 && bad.Status == good.Status
            && (good.Status is 204 or 404 or 410 || (good.Status == 403 && mainAccount.Masks.Length > 0 && ObservedValue(ProfileSettings.RefusalOrder) == "masks-first")))
        {
            if (ObservedValue(ProfileSettings.PausedParameter) == "strict")
            {
                Observe(ProfileSettings.BadPausedOrder, "after-access", how);
            }
            else
            {
                Kept(ProfileSettings.BadPausedOrder, how + ": refused after the access checks under strict, or read as a resume under jaxrs-lenient; how paused is read is seen only with --allow-pause and a --couple that records");
            }
        }
        else
        {
            Observe(ProfileSettings.BadPausedOrder, null, how);
        }
    }

    /// <summary>
    /// badPausedOrder where the main account's bad <c>paused</c> is refused before its unknown couple: right after the login
    /// (after-login) or after the rights the recorder checks before the couple (before-couple), which differ only for an
    /// account that lacks one of those rights. The account without Call List sends the same pause: 400 is after-login, 403
    /// before-couple. That its login took only its own invalid direction, sent in the same session after the pause, can
    /// prove, where badDirectionOrder was seen after-login; a login that did not take answers 403 as well, so otherwise
    /// before-couple is taken but not observed (it expects 403 of that account whichever it is). Without such an account,
    /// or with an answer that fits neither, after-login is taken, not observed.
    /// </summary>
    private async Task ProbeBeforeTheCoupleAsync(Wire.Wire wire, ModelUser? none, string path, string how, CancellationToken cancellationToken)
    {
        if (ObservedValue(ProfileSettings.RefusalOrder) == "couple-first")
        {
            Observe(ProfileSettings.BadPausedOrder, "after-login", how + " (under refusalOrder=couple-first nothing but the login is checked before the couple, so before-couple is the same)");
            return;
        }

        if (none is null)
        {
            Assumed(ProfileSettings.BadPausedOrder, "after-login", how + ": before-couple, after the rights checked before the couple, would answer the same to an account with Call List; telling them apart needs an account without it (RIGHTS none)");
            return;
        }

        await wire.LoginAsync(1, none, cancellationToken);
        var noList = await wire.SendAsync(1, HttpMethod.Post, path, "pause=true", cancellationToken: cancellationToken);
        how += $", and {noList.Status} from {none.Login} (no Call List)";
        if (noList.Status == 400)
        {
            Observe(ProfileSettings.BadPausedOrder, "after-login", how);
        }
        else if (noList.Status == 403)
        {
            var proof = ObservedValue(ProfileSettings.BadDirectionOrder) == "after-login"
                ? await wire.SendAsync(1, HttpMethod.Get, BadDirection, cancellationToken: cancellationToken)
                : null;
            if (proof is not null && proof.Status.ToString(CultureInfo.InvariantCulture) == profile[ProfileSettings.InvalidDirectionStatus])
            {
                Observe(ProfileSettings.BadPausedOrder, "before-couple", how + $": checked after Call List ({none.Login}'s login took: its invalid direction, sent in the same session, was refused as such, {proof.Status})");
            }
            else
            {
                Assumed(ProfileSettings.BadPausedOrder, "before-couple", how + $": checked after Call List, or {none.Login}'s login did not take, which nothing tells for an account without Call List; before-couple expects 403 of it either way");
            }
        }
        else
        {
            Assumed(ProfileSettings.BadPausedOrder, "after-login", how + $": before the couple, as the main account showed; {none.Login}'s {noList.Status} fits neither after-login nor before-couple");
        }
    }

    /// <summary>
    /// withoutCallListStatus (DET-3, inferred): the details of a couple in progress, asked for by an account without Call
    /// List. A 404 for a couple the main account still lists afterwards hides the couple; a 403 is the refusal, or a login
    /// that did not take (nothing tells the two apart for such an account), so the default is kept.
    /// </summary>
    private async Task ProbeWithoutCallListAsync(Wire.Wire wire, ModelUser? none, IReadOnlyList<long> couples, CancellationToken cancellationToken)
    {
        if (none is null || couples.Count == 0)
        {
            Kept(ProfileSettings.WithoutCallListStatus, "needs an account without Call List (RIGHTS none) and a couple in progress");
            return;
        }

        var couple = couples[0];
        await wire.LoginAsync(1, none, cancellationToken);
        var answer = await wire.SendAsync(1, HttpMethod.Get, $"callrec/restful/couples.xml/{couple}", cancellationToken: cancellationToken);
        var how = $"{none.Login} (no Call List) asking for the details of couple {couple}, in progress, gets {answer.Status}";
        if (answer.Status == 404)
        {
            var after = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
            if (after.Status == 200 && Wire.Documents.List(after.Body) is { } items && items.Any(item => item.Id == couple))
            {
                Observe(ProfileSettings.WithoutCallListStatus, "404", how + $", and {mainAccount!.Login} lists it afterwards");
                return;
            }

            Kept(ProfileSettings.WithoutCallListStatus, how + $", and {mainAccount!.Login}'s list afterwards does not hold it (answered {after.Status}): it may have ended meanwhile");
            return;
        }

        Kept(ProfileSettings.WithoutCallListStatus, answer.Status == 403 ? how + ", which a login that did not take gets too" : how);
        withoutCallListRefused = answer.Status == 403;
    }

    /// <summary>
    /// Whether the account without Call List was refused 403 the details of a couple in progress: its pause of a couple
    /// is then refused 403 too, whether the recorder answers it as the details (outsidePauseStatus=as-details) or not, so
    /// a 404 to its pause of an unknown couple is the lookup's, first (refusalOrder=couple-first).
    /// </summary>
    private bool withoutCallListRefused;

    /// <summary>
    /// detailsPaused (DET-3, inferred): the details of a couple in progress, read by the main account and by an account
    /// with Call List but no pause right (whose details carry no pausedState link): the state shown to both, or only with
    /// the link.
    /// </summary>
    private async Task ProbeDetailsPausedAsync(Wire.Wire wire, ModelUser? listOnly, IReadOnlyList<long> couples, CancellationToken cancellationToken)
    {
        if (listOnly is null || couples.Count == 0)
        {
            Kept(ProfileSettings.DetailsPaused, "needs an account with Call List but no pause right (RIGHTS list) and a couple in progress");
            return;
        }

        var couple = couples[0];
        var main = Wire.Documents.Of((await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{couple}", cancellationToken: cancellationToken)).Body);
        await wire.LoginAsync(2, listOnly, cancellationToken);
        var answer = await wire.SendAsync(2, HttpMethod.Get, $"callrec/restful/couples.xml/{couple}", cancellationToken: cancellationToken);
        await wire.LogoutAsync(2, cancellationToken);
        var details = answer.Status == 200 ? Wire.Documents.Of(answer.Body) : null;
        if (main?.Paused is null || details is null || details.PausedStateHref is not null)
        {
            Kept(ProfileSettings.DetailsPaused, main?.Paused is null
                ? $"couple {couple}'s details show {mainAccount!.Login} no paused state, so whom they show it to could not be told"
                : $"{listOnly.Login} (no pause right) reading couple {couple}'s details gets {answer.Status}{(details?.PausedStateHref is not null ? " with a pausedState link" : string.Empty)}");
            return;
        }

        Observe(ProfileSettings.DetailsPaused, details.Paused is null ? "with-link" : "always",
            $"couple {couple}'s details show {mainAccount!.Login} (with the pausedState link) the paused state, and {listOnly.Login} (no pause right, no link) {(details.Paused is null ? "none" : "the paused state too")}");
    }

    /// <summary>
    /// refusalOrder taken as call-list-first where masks-first would answer alike if a couple outside the masks got the
    /// unknown couple's status: an outsideAccessStatus seen otherwise proves it (<see cref="ProbeUnseenCouplesAsync"/>).
    /// </summary>
    private (int Unknown, string How)? callListFirstUnless;

    /// <summary>
    /// unknownCoupleStatus: the main account's answer for an unknown couple (404, 410 Gone, or 204 as a resource returning
    /// null). refusalOrder: that couple
    /// asked for by an account with phone masks (masks-first refuses it, 403), without Call List, and paused without the
    /// pause right; an answer of the unknown couple's status is the lookup's refusal.
    /// </summary>
    private async Task ProbeRefusalOrderAsync(Wire.Wire wire, ModelUser? listOnly, ModelUser? none, ModelUser? masked, long missing, CancellationToken cancellationToken)
    {
        var asked = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{missing}", cancellationToken: cancellationToken);
        var unknown = asked.Status is 404 or 410 or 204 ? asked.Status : 404;
        if (asked.Status is 404 or 410 or 204)
        {
            Observe(ProfileSettings.UnknownCoupleStatus, unknown.ToString(CultureInfo.InvariantCulture), $"{mainAccount!.Login} asking for couple {missing}, which does not exist, gets {asked.Status}");
        }
        else
        {
            Kept(ProfileSettings.UnknownCoupleStatus, $"{mainAccount!.Login} asking for couple {missing}, which does not exist, gets {asked.Status}, no answer for a couple not in progress (a refusal of its phone masks under refusalOrder=masks-first, or a session no longer logged in)");
        }

        var hidden = masked is null ? null : $"{masked.Login} (Call List, phone masks) asking for an unknown couple gets ";
        var maskedAsUnknown = false; // masks-first refuses it too, with outsideAccessStatus, which may be the unknown couple's status
        if (masked is not null)
        {
            // Its list first: a 403 from a login that did not take says nothing of the masks.
            await wire.LoginAsync(2, masked, cancellationToken);
            var listed = await wire.SendAsync(2, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
            var outside = await wire.SendAsync(2, HttpMethod.Get, $"callrec/restful/couples.xml/{missing}", cancellationToken: cancellationToken);
            await wire.LogoutAsync(2, cancellationToken);
            hidden += outside.Status.ToString(CultureInfo.InvariantCulture) + "; ";
            if (outside.Status == 403 && listed.Status == 200)
            {
                Observe(ProfileSettings.RefusalOrder, "masks-first", hidden.TrimEnd(' ', ';'));
                return;
            }

            maskedAsUnknown = outside.Status == unknown && listed.Status == 200;
        }

        if (none is null)
        {
            Kept(ProfileSettings.RefusalOrder, "needs an account without Call List (RIGHTS none)");
            return;
        }

        // Its pause of the couple, not its details: under withoutCallListStatus=404 (which no couple in progress may have
        // shown) the details answer that account 404 whichever check comes first, while a pause is refused 403 for want
        // of Call List (PSE-4) wherever the details would be, unless the recorder answers it as the details
        // (outsidePauseStatus=as-details): then the unknown couple's 404 is what call-list-first answers too.
        await wire.LoginAsync(1, none, cancellationToken);
        var refused = await wire.SendAsync(1, HttpMethod.Post, $"callrec/restful/couples.xml/{missing}/pausedState", "paused=true", cancellationToken: cancellationToken);
        if (refused.Status == unknown && !withoutCallListRefused)
        {
            // Its details of a couple in progress were not seen refused 403 (they were hidden, 404, or no couple was in
            // progress): a recorder that hides every couple from it may answer its pause as the details, and then
            // call-list-first answers the unknown couple's 404 too. A run once read couple-first from that.
            int? rights = listOnly is null ? null : await RefusedPauseAsync(wire, listOnly, missing, cancellationToken);
            var seen = $"{hidden}{none.Login} (no Call List) pausing an unknown couple gets {unknown}, and its details of a couple in progress were not seen refused 403 ({(ObservedValue(ProfileSettings.WithoutCallListStatus) is { } status ? $"withoutCallListStatus={status}" : "no couple in progress, or another answer")}): a recorder that hides every couple from such an account and answers its pause as the details (outsidePauseStatus=as-details) answers that under call-list-first too";
            if (rights == 403 && MaskedRefusal(listOnly!) is { } byMasks)
            {
                Kept(ProfileSettings.RefusalOrder, $"{seen}; {byMasks}");
            }
            else if (rights == 403)
            {
                Observe(ProfileSettings.RefusalOrder, "rights-first", $"{seen}; {listOnly!.Login} (no pause right) pausing it gets 403");
            }
            else
            {
                Kept(ProfileSettings.RefusalOrder, rights is null ? $"{seen}; telling rights-first apart needs an account with Call List but no pause right (RIGHTS list)" : $"{seen}; {listOnly!.Login} (no pause right) pausing it gets {rights}, so not rights-first; couple-first and call-list-first cannot be told apart here");
            }

            return;
        }

        if (refused.Status == unknown)
        {
            Observe(ProfileSettings.RefusalOrder, "couple-first", $"{hidden}{none.Login} (no Call List) pausing an unknown couple gets {unknown}");
            return;
        }

        if (listOnly is null)
        {
            Kept(ProfileSettings.RefusalOrder, $"{hidden}{none.Login} pausing an unknown couple gets {refused.Status}; telling call-list-first from rights-first needs an account with Call List but no pause right (RIGHTS list)");
            return;
        }

        var pause = await RefusedPauseAsync(wire, listOnly, missing, cancellationToken);
        var how = $"{hidden}{none.Login} pausing an unknown couple gets {refused.Status}; {listOnly.Login} (no pause right) pausing it gets {pause}";
        if (refused.Status == 403 && pause == unknown && maskedAsUnknown)
        {
            // masks-first refuses the masked account's unknown couple with outsideAccessStatus, and the others as
            // call-list-first does: where that status is the unknown couple's own (a 404), the two answer alike.
            Assumed(ProfileSettings.RefusalOrder, "call-list-first", $"{how}; masks-first answers the same where a couple outside the masks gets {unknown}, as an unknown one does (outsideAccessStatus)");
            callListFirstUnless = (unknown, how);
            return;
        }

        if (refused.Status == 403 && pause == 403 && MaskedRefusal(listOnly) is { } masks)
        {
            Kept(ProfileSettings.RefusalOrder, $"{how}; {masks}");
            return;
        }

        Observe(ProfileSettings.RefusalOrder, refused.Status != 403 ? null : pause == 403 ? "rights-first" : pause == unknown ? "call-list-first" : null, how);
    }

    /// <summary>
    /// Why a 403 to <paramref name="account"/>'s pause of a couple that does not exist tells nothing of rights-first where the
    /// account has phone masks: a couple that does not exist matches no mask, and a recorder that checks the masks first
    /// (masks-first) refuses it for them, with outsidePauseStatus. Null where it has none.
    /// </summary>
    private static string? MaskedRefusal(ModelUser account) => account.Masks.Length == 0 ? null
        : $"{account.Login} (no pause right) pausing it gets 403, but {account.Login} has phone masks, which a recorder that checks them first refuses it for too: telling rights-first needs an --account with Call List, no pause right and no phone masks (RIGHTS list, without ;masks=)";

    /// <summary>The status of <paramref name="account"/>'s pause of couple <paramref name="missing"/>, which does not exist, in a session of its own.</summary>
    private static async Task<int> RefusedPauseAsync(Wire.Wire wire, ModelUser account, long missing, CancellationToken cancellationToken)
    {
        await wire.LoginAsync(2, account, cancellationToken);
        var pause = await wire.SendAsync(2, HttpMethod.Post, $"callrec/restful/couples.xml/{missing}/pausedState", "paused=true", cancellationToken: cancellationToken);
        await wire.LogoutAsync(2, cancellationToken);
        return pause.Status;
    }

    /// <summary>
    /// unseenCouples (LST-5): the list of an account with phone masks, between two of the main account's. A couple
    /// without a self link is one outside the masks, listed; couples the main account lists both times and the masked
    /// account does not, while it lists none without a link, are left out. outsideAccessStatus (DET-3, PSE-4): the masked
    /// account's answer for the details of such a couple, still listed after it (so not one that ended meanwhile).
    /// </summary>
    private async Task ProbeUnseenCouplesAsync(Wire.Wire wire, ModelUser full, ModelUser? masked, CancellationToken cancellationToken)
    {
        if (masked is null)
        {
            Kept(ProfileSettings.UnseenCouples, "needs an account with Call List and phone masks (;masks=...)");
            Kept(ProfileSettings.OutsideAccessStatus, "needs an account with Call List and phone masks (;masks=...)");
            Kept(ProfileSettings.OutsidePauseStatus, "needs an account with Call List and phone masks (;masks=...)");
            return;
        }

        const string List = "callrec/restful/couples.xml";
        var before = Wire.Documents.List((await wire.SendAsync(0, HttpMethod.Get, List, cancellationToken: cancellationToken)).Body);
        await wire.LoginAsync(2, masked, cancellationToken);
        var answer = await wire.SendAsync(2, HttpMethod.Get, List, cancellationToken: cancellationToken);
        var mine = answer.Status == 200 ? Wire.Documents.List(answer.Body) : null;
        // A couple the main account is linked to and the masked one is not: its details by the main account's self link
        // (200: the path is right and the couple there), then by the masked session, whose list must still answer after
        // (a 403 from a session that ended says nothing of the masks), and the couple must still be listed after (a 404
        // from a couple that ended neither).
        var outside = before is null || mine is null ? null : before.FirstOrDefault(l => l.SelfHref is not null && mine.FirstOrDefault(m => m.Id == l.Id) is not { SelfHref: not null });
        var path = outside is null ? null : Uri.TryCreate(outside.SelfHref, UriKind.Absolute, out var self) ? self.PathAndQuery : $"{List}/{outside.Id}";
        var mainDetails = path is null ? null : await wire.SendAsync(0, HttpMethod.Get, path, cancellationToken: cancellationToken);
        var outsideDetails = path is null || mainDetails?.Status != 200 ? null : await wire.SendAsync(2, HttpMethod.Get, path, cancellationToken: cancellationToken);
        // outsidePauseStatus (PSE-4): the same session's pause of that couple, on a simulator only: a recorder that let it
        // through would pause a live call the probe was not given.
        var outsidePause = outsideDetails is null || target.Control is null ? null
            : await wire.SendAsync(2, HttpMethod.Post, $"{List}/{outside!.Id}/pausedState", "paused=true", cancellationToken: cancellationToken);
        var stillIn = outsideDetails is null ? null : await wire.SendAsync(2, HttpMethod.Get, List, cancellationToken: cancellationToken);
        await wire.LogoutAsync(2, cancellationToken);
        var after = Wire.Documents.List((await wire.SendAsync(0, HttpMethod.Get, List, cancellationToken: cancellationToken)).Body);
        if (mine is null)
        {
            Kept(ProfileSettings.OutsideAccessStatus, $"{masked.Login}'s list is answered {answer.Status}");
        }
        else if (outside is null || mainDetails is null || outsideDetails is null || stillIn is null || after is null || after.All(a => a.Id != outside.Id))
        {
            Kept(ProfileSettings.OutsideAccessStatus, mainDetails is { Status: not 200 }
                ? $"{full.Login} reading couple {outside!.Id} by its self link gets {mainDetails.Status}"
                : $"needs a couple in progress outside {masked.Login}'s phone masks, listed with a self link by {full.Login} before and after it is asked for");
        }
        else if (stillIn.Status != 200)
        {
            Kept(ProfileSettings.OutsideAccessStatus, $"{masked.Login}'s session no longer lists ({stillIn.Status}) after asking for couple {outside.Id}");
        }
        else
        {
            Observe(ProfileSettings.OutsideAccessStatus, outsideDetails.Status is 403 or 404 ? outsideDetails.Status.ToString(CultureInfo.InvariantCulture) : null,
                $"{masked.Login} asking for the details of couple {outside.Id} by {full.Login}'s self link, outside its phone masks and in progress, gets {outsideDetails.Status}");
            if (outsidePause is null)
            {
                Kept(ProfileSettings.OutsidePauseStatus, $"a pause of couple {outside.Id}, outside {masked.Login}'s phone masks, is sent on a simulator only: a recorder that took it would pause a live call");
            }
            else
            {
                Observe(ProfileSettings.OutsidePauseStatus, outsidePause.Status == outsideDetails.Status ? "as-details" : outsidePause.Status == 403 ? "403" : null,
                    $"{masked.Login} pausing couple {outside.Id}, outside its phone masks, gets {outsidePause.Status}, where its details get {outsideDetails.Status}");
            }

            if (callListFirstUnless is var (unknown, how) && outsideDetails.Status is 403 or 404 && outsideDetails.Status != unknown)
            {
                // masks-first would have refused the masked account's unknown couple so, not with the unknown couple's status.
                Observe(ProfileSettings.RefusalOrder, "call-list-first", $"{how}; a couple outside {masked.Login}'s masks gets {outsideDetails.Status}, which masks-first would have answered");
            }
        }

        if (before is null || after is null || mine is null)
        {
            Kept(ProfileSettings.UnseenCouples, $"the lists could not be compared ({masked.Login}'s list is answered {answer.Status})");
            return;
        }

        var linkless = mine.Count(l => l.SelfHref is null);
        var leftOut = before.Count(l => after.Any(a => a.Id == l.Id) && mine.All(m => m.Id != l.Id));
        if (full.Masks.Length > 0)
        {
            Kept(ProfileSettings.UnseenCouples, $"needs a main account without phone masks to compare {masked.Login}'s list with ({full.Login} has masks)");
        }
        else if (linkless > 0 && leftOut > 0)
        {
            Kept(ProfileSettings.UnseenCouples, $"{masked.Login}'s list holds {linkless} couple(s) without a self link and leaves out {leftOut} {full.Login} lists: neither value describes that");
        }
        else if (before.Count == 0)
        {
            Kept(ProfileSettings.UnseenCouples, "needs couples in progress");
        }
        else if (linkless > 0)
        {
            Observe(ProfileSettings.UnseenCouples, "listed", $"{masked.Login}'s list holds {linkless} couple(s) without a self link");
        }
        else if (leftOut > 0)
        {
            Observe(ProfileSettings.UnseenCouples, "omitted", $"{masked.Login}'s list leaves out {leftOut} couple(s) {full.Login} lists before and after it, and holds none without a self link");
        }
        else
        {
            Kept(ProfileSettings.UnseenCouples, $"{masked.Login}'s phone masks match every couple in progress, so its list cannot show which");
        }
    }

    /// <summary>
    /// maskScope (LST-5 "may see that call's details"): a call in progress with a couple whose own numbers are within the
    /// masked account's phone masks and one whose numbers are not (the main account's details show them). The masked
    /// account's list links the second under maskScope=call, and not under couple. On a simulator the probe starts a leg
    /// within the masks in the first couple's call, and ends it after.
    /// </summary>
    private async Task ProbeMaskScopeAsync(Wire.Wire wire, ModelUser full, ModelUser? masked, IReadOnlyList<long> couples, CancellationToken cancellationToken)
    {
        if (masked is null)
        {
            Kept(ProfileSettings.MaskScope, "needs an account with Call List and phone masks (;masks=...)");
            return;
        }

        const string List = "callrec/restful/couples.xml";
        long? started = null;
        if (target.Control is { } control && couples.Count > 0 && await CallOfAsync(wire, couples[0], cancellationToken) is { } callId)
        {
            var number = masked.Masks[0].Replace('*', '0').Replace('?', '0');
            started = (await control.StartCallAsync(new Scenarios.CallSpec(number, "10024", "10.0.1.24", "10.0.1.25"), cancellationToken, callId)).Id;
        }

        try
        {
            var listed = Wire.Documents.List((await wire.SendAsync(0, HttpMethod.Get, List, cancellationToken: cancellationToken)).Body) ?? [];
            (ModelCouple Inside, ModelCouple Outside)? pair = null;
            foreach (var call in listed.Where(l => l.SelfHref is not null).GroupBy(l => l.CallId).Where(g => g.Count() > 1))
            {
                var known = new List<ModelCouple>();
                foreach (var item in call)
                {
                    var details = await wire.SendAsync(0, HttpMethod.Get, $"{List}/{item.Id}", cancellationToken: cancellationToken);
                    if (details.Status == 200 && Targets.RealWorld.FromDetails(item, details.Body) is { } couple)
                    {
                        known.Add(couple);
                    }
                }

                if (known.FirstOrDefault(masked.MaySee) is { } within && known.FirstOrDefault(c => !masked.MaySee(c)) is { } without)
                {
                    pair = (within, without);
                    break;
                }
            }

            if (pair is not { } found)
            {
                Kept(ProfileSettings.MaskScope, $"needs a call in progress with a couple within {masked.Login}'s phone masks and one outside them (a transfer, a conference), both listed to {full.Login} with a self link");
                return;
            }

            await wire.LoginAsync(2, masked, cancellationToken);
            var answer = await wire.SendAsync(2, HttpMethod.Get, List, cancellationToken: cancellationToken);
            await wire.LogoutAsync(2, cancellationToken);
            var mine = answer.Status == 200 ? Wire.Documents.List(answer.Body) : null;
            var inside = mine?.FirstOrDefault(m => m.Id == found.Inside.Id);
            var outside = mine?.FirstOrDefault(m => m.Id == found.Outside.Id);
            var how = $"couples {found.Inside.Id} (within {masked.Login}'s phone masks) and {found.Outside.Id} (outside them) share call {found.Inside.CallId}; {masked.Login}'s list {(mine is null ? $"is answered {answer.Status}" : $"links {(outside?.SelfHref is null ? "only the first" : "both")}")}";
            Observe(ProfileSettings.MaskScope, inside?.SelfHref is null ? null : outside?.SelfHref is null ? "couple" : "call", how);
        }
        finally
        {
            if (started is { } leg && target.Control is { } ending)
            {
                await ending.EndCallAsync(leg, CancellationToken.None);
            }
        }
    }

    /// <summary>linkOrigin (LST-5, DET-2): where the list's self links start, against the scheme, host and port the probe used.</summary>
    private async Task ProbeLinkOriginAsync(Wire.Wire wire, CancellationToken cancellationToken)
    {
        const string listPath = "callrec/restful/couples.xml";
        var list = Wire.Documents.List((await wire.SendAsync(0, HttpMethod.Get, listPath, cancellationToken: cancellationToken)).Body);
        var item = list?.FirstOrDefault(l => l.SelfHref is not null);
        var href = item?.SelfHref;
        var used = wire.Origin.GetLeftPart(UriPartial.Authority);
        if (href is null)
        {
            Kept(ProfileSettings.LinkOrigin, "needs a couple in progress listed with a self link");
            return;
        }

        // A relative link, a path from the root (/callrec/...) or one relative to the list (couples.xml/24197), is resolved
        // against the document that holds it, as the kit's runs and the client resolve it: it counts where it names the
        // couple's details.
        var origin = KitProfile.IsRelative(href)
            ? (KitProfile.Comparable(href, new Uri(wire.Origin, listPath)).EndsWith(string.Create(CultureInfo.InvariantCulture, $"/{listPath}/{item!.Id}"), StringComparison.Ordinal) ? "relative" : null)
            : Uri.TryCreate(href, UriKind.Absolute, out var link) && link.Scheme is "http" or "https" ? link.GetLeftPart(UriPartial.Authority) : null;
        Observe(ProfileSettings.LinkOrigin, origin is null or "relative" ? origin : string.Equals(origin, used, StringComparison.OrdinalIgnoreCase) ? "request" : origin,
            $"a self link is '{href}', asked at {used}");
    }
}
