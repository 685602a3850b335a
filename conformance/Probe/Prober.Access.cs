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
            answeredAsInASession.Add(anonymous);
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
    /// the good value is an unknown couple's refusal only where the masks were seen checked before the lookup (masks-first, rights-and-masks-first) and the account has phone
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
            && (good.Status is 204 or 404 or 410 || (good.Status == 403 && mainAccount.Masks.Length > 0 && masksBeforeLookup)))
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
            ? (KitProfile.PlainIds(KitProfile.Comparable(href, new Uri(wire.Origin, listPath))).EndsWith(string.Create(CultureInfo.InvariantCulture, $"/{listPath}/{item!.Id}"), StringComparison.Ordinal) ? "relative" : null)
            : Uri.TryCreate(href, UriKind.Absolute, out var link) && link.Scheme is "http" or "https" ? link.GetLeftPart(UriPartial.Authority) : null;
        Observe(ProfileSettings.LinkOrigin, origin is null or "relative" ? origin : string.Equals(origin, used, StringComparison.OrdinalIgnoreCase) ? "request" : origin,
            $"a self link is '{href}', asked at {used}");
    }
}
