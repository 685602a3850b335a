using System.Globalization;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;

namespace PauseResume.Conformance.Probe;

/// <summary>The probes of what phone masks hide (DET-3, LST-3): unseenCouples, outsideAccessStatus, outsidePauseStatus and maskScope, from an account with phone masks beside the main account.</summary>
internal sealed partial class Prober
{
    // How many couples alone in their calls the probe reads the details of to find two that tell maskSide.
    private const int MaskSideDetailsRead = 30;

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

            if (takenUnless is var (value, rival, unknown, how) && outsideDetails.Status is 403 or 404 && outsideDetails.Status != unknown)
            {
                // The rival, the masks before the lookup, would have refused the masked account's unknown couple so, not with
                // the unknown couple's status.
                Observe(ProfileSettings.RefusalOrder, value, $"{how}; a couple outside {masked.Login}'s masks gets {outsideDetails.Status}, which {rival} would have answered");
            }

            if (takenIf is var (order, outsideStatus, outsidePauseValue, seen) && outsideDetails.Status is 403 or 404)
            {
                // The value fits what was seen only beside that outsideAccessStatus (and the outsidePauseStatus it implies).
                var told = $"{seen}; a couple outside {masked.Login}'s masks gets {outsideDetails.Status}";
                if (outsideDetails.Status == outsideStatus)
                {
                    Observe(ProfileSettings.RefusalOrder, order, told);
                    if (outsidePause is null)
                    {
                        Observe(ProfileSettings.OutsidePauseStatus, outsidePauseValue, $"{told}: under {order} the masked account's pause of an unknown couple is refused as one outside its masks");
                    }
                }
                else
                {
                    Kept(ProfileSettings.RefusalOrder, $"what was seen fits no value: {told}, where {order} would have answered {outsideStatus}");
                }
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
    /// within the masks in the first couple's call, and ends it after. On a real recorder any account with Call List and
    /// phone masks may tell, the first whose masks split a call (a recorder whose calls split only a second masked account's
    /// masks had maskScope kept at its default).
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
            ModelUser[] candidates = target.Control is null ? [masked, .. accounts.Where(a => a.CallList && a.Masks.Length > 0 && a.Login != full.Login && a.Login != masked.Login)] : [masked];
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

                foreach (var candidate in candidates)
                {
                    if (known.FirstOrDefault(c => candidate.MaySee(c, profile.MaskSide)) is { } within && known.FirstOrDefault(c => !candidate.MaySee(c, profile.MaskSide)) is { } without)
                    {
                        (pair, masked) = ((within, without), candidate);
                        break;
                    }
                }

                if (pair is not null)
                {
                    break;
                }
            }

            if (pair is not { } found)
            {
                var whose = candidates.Length == 1 ? $"{masked.Login}'s phone masks" : $"the phone masks of one of {string.Join(", ", candidates.Select(c => c.Login))}";
                Kept(ProfileSettings.MaskScope, $"needs a call in progress with a couple within {whose} and one outside them (a transfer, a conference), both listed to {full.Login} with a self link");
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

    /// <summary>
    /// LST-5 (inferred): which of a couple's numbers phone masks are matched against (maskSide). Told by two couples, each
    /// alone in its call (so no other leg grants it, whatever maskScope), listed to the main account with a self link: one
    /// whose calling number alone is within the masked account's masks, one whose called number alone is; the masked
    /// account's list links each or not. On a simulator the probe starts the two calls itself.
    /// </summary>
    private async Task ProbeMaskSideAsync(Wire.Wire wire, ModelUser full, ModelUser? masked, CancellationToken cancellationToken)
    {
        if (masked is null)
        {
            Kept(ProfileSettings.MaskSide, "needs an account with Call List and phone masks (;masks=...)");
            return;
        }

        const string List = "callrec/restful/couples.xml";
        var started = new List<long>();
        if (target.Control is { } control)
        {
            var number = masked.Masks[0].Replace('*', '0').Replace('?', '0');
            started.Add((await control.StartCallAsync(new Scenarios.CallSpec(number, "5550177", "10.0.1.26", "10.0.1.27"), cancellationToken)).Id);
            started.Add((await control.StartCallAsync(new Scenarios.CallSpec("5550178", number, "10.0.1.28", "10.0.1.29"), cancellationToken)).Id);
        }

        try
        {
            var listed = Wire.Documents.List((await wire.SendAsync(0, HttpMethod.Get, List, cancellationToken: cancellationToken)).Body) ?? [];
            ModelCouple? byCalling = null;
            ModelCouple? byCalled = null;
            foreach (var item in listed.Where(l => l.SelfHref is not null).GroupBy(l => l.CallId).Where(g => g.Count() == 1).Select(g => g.Single()).Take(MaskSideDetailsRead))
            {
                var details = await wire.SendAsync(0, HttpMethod.Get, $"{List}/{item.Id}", cancellationToken: cancellationToken);
                if (details.Status == 200 && Targets.RealWorld.FromDetails(item, details.Body) is { } couple)
                {
                    var (calling, called) = (masked.MaySee(couple, "calling"), masked.MaySee(couple, "called"));
                    byCalling ??= calling && !called ? couple : null;
                    byCalled ??= called && !calling ? couple : null;
                }

                if (byCalling is not null && byCalled is not null)
                {
                    break;
                }
            }

            if (byCalling is null || byCalled is null)
            {
                Kept(ProfileSettings.MaskSide, $"needs two couples in progress, each alone in its call and listed to {full.Login} with a self link: one whose calling number alone is within {masked.Login}'s phone masks, one whose called number alone is");
                return;
            }

            await wire.LoginAsync(2, masked, cancellationToken);
            var answer = await wire.SendAsync(2, HttpMethod.Get, List, cancellationToken: cancellationToken);
            await wire.LogoutAsync(2, cancellationToken);
            var mine = answer.Status == 200 ? Wire.Documents.List(answer.Body) : null;
            var linked = (Calling: mine?.FirstOrDefault(m => m.Id == byCalling.Id)?.SelfHref is not null, Called: mine?.FirstOrDefault(m => m.Id == byCalled.Id)?.SelfHref is not null);
            var how = $"couple {byCalling.Id}'s calling number alone is within {masked.Login}'s phone masks, couple {byCalled.Id}'s called number alone; {masked.Login}'s list "
                + (mine is null ? $"is answered {answer.Status}" : linked switch { (true, true) => "links both", (true, false) => "links the first only", (false, true) => "links the second only", _ => "links neither" });
            Observe(ProfileSettings.MaskSide, mine is null ? null : linked switch { (true, true) => "either", (true, false) => "calling", (false, true) => "called", _ => null }, how);
        }
        finally
        {
            foreach (var id in started)
            {
                await target.Control!.EndCallAsync(id, CancellationToken.None);
            }
        }
    }
}
