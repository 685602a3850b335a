using System.Globalization;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;

namespace PauseResume.Conformance.Probe;

/// <summary>The probe of refusalOrder (DET-3, PSE-4): which refusal comes first for a couple that does not exist, told by accounts without Call List, without the pause right and with phone masks.</summary>
internal sealed partial class Prober
{
    /// <summary>
    /// refusalOrder taken as <c>Value</c> (call-list-first, rights-first) where <c>Rival</c> (masks-first,
    /// rights-and-masks-first: the same with the masks before the lookup) would answer alike if a couple outside the masks
    /// got the unknown couple's status: an outsideAccessStatus seen otherwise proves it (<see cref="ProbeUnseenCouplesAsync"/>).
    /// </summary>
    private (string Value, string Rival, int Unknown, string How)? takenUnless;

    /// <summary>
    /// refusalOrder taken as <c>Value</c> (rights-and-masks-first) from answers it fits only where a couple outside the
    /// masks gets <c>Outside</c> (outsideAccessStatus) and a pause of one <c>OutsidePause</c> (outsidePauseStatus): that
    /// status seen proves both, another shows that no value fits (<see cref="ProbeUnseenCouplesAsync"/>).
    /// </summary>
    private (string Value, int Outside, string OutsidePause, string How)? takenIf;

    /// <summary>
    /// An account with phone masks was refused an unknown couple's details as outside them while its list was served:
    /// the masks come before the lookup (masks-first or rights-and-masks-first, whichever was written down).
    /// </summary>
    private bool masksBeforeLookup;

    /// <summary>
    /// unknownCoupleStatus: the main account's answer for an unknown couple (404, 410 Gone, or 204 as a resource returning
    /// null). refusalOrder: that couple asked for by an account with phone masks (the masks before the lookup refuse it
    /// as outside them: 403, or a 404 other than the unknown couple's), without Call List, and paused without the pause
    /// right; an answer of the unknown couple's status is the lookup's refusal. The account with masks is a --account of
    /// its own, else the main account where it has masks (in its own session: a recorder may refuse a user a second one).
    /// </summary>
    private async Task ProbeRefusalOrderAsync(Wire.Wire wire, ModelUser? listOnly, ModelUser? none, ModelUser? masked, long missing, CancellationToken cancellationToken)
    {
        var asked = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{missing}", cancellationToken: cancellationToken);
        var unknown = asked.Status is 404 or 410 or 204 ? asked.Status : 404;
        if (asked.Status is 404 or 410 or 204 && mainAccount!.Masks.Length > 0)
        {
            // Where the masks come before the lookup, a couple that does not exist is refused as outside them, with
            // outsideAccessStatus, which may be a 404 too: the main account's masks make its answer no proof.
            Assumed(ProfileSettings.UnknownCoupleStatus, unknown.ToString(CultureInfo.InvariantCulture), $"{mainAccount.Login} asking for couple {missing}, which does not exist, gets {asked.Status}, but {mainAccount.Login} has phone masks, and a recorder that checks them before the lookup answers it as a couple outside them");
        }
        else if (asked.Status is 404 or 410 or 204)
        {
            Observe(ProfileSettings.UnknownCoupleStatus, unknown.ToString(CultureInfo.InvariantCulture), $"{mainAccount!.Login} asking for couple {missing}, which does not exist, gets {asked.Status}");
        }
        else
        {
            Kept(ProfileSettings.UnknownCoupleStatus, $"{mainAccount!.Login} asking for couple {missing}, which does not exist, gets {asked.Status}, no answer for a couple not in progress (a refusal of its phone masks under refusalOrder=masks-first, or a session no longer logged in)");
        }

        var withMasks = masked ?? (mainAccount.Masks.Length > 0 ? mainAccount : null);
        var hidden = withMasks is null ? null : $"{withMasks.Login} (Call List, phone masks) asking for an unknown couple gets ";
        int? maskedDetails = null; // its answer, where its list in the same session was served (a login that did not take answers 403 too)
        if (withMasks is not null)
        {
            // Its list first: a 403 from a login that did not take says nothing of the masks.
            int listed, outside;
            if (withMasks == mainAccount)
            {
                (listed, outside) = ((await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken)).Status, asked.Status);
            }
            else
            {
                await wire.LoginAsync(2, withMasks, cancellationToken);
                listed = (await wire.SendAsync(2, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken)).Status;
                outside = (await wire.SendAsync(2, HttpMethod.Get, $"callrec/restful/couples.xml/{missing}", cancellationToken: cancellationToken)).Status;
                await wire.LogoutAsync(2, cancellationToken);
            }

            hidden += outside.ToString(CultureInfo.InvariantCulture) + "; ";
            maskedDetails = listed == 200 ? outside : null;
            if (maskedDetails is 403 or 404 && maskedDetails != unknown)
            {
                // The masks before the lookup, refused as outside them. masks-first checks the couple before the pause right,
                // rights-and-masks-first the pause right first: only an account with neither masks nor the pause right,
                // pausing an unknown couple, tells them apart (the unknown couple's status, or 403). Every other account is
                // answered alike by both.
                masksBeforeLookup = true;
                var unmasked = listOnly is { Masks.Length: 0 } ? await RefusedPauseAsync(wire, listOnly, missing, cancellationToken) : null;
                if (unmasked is not { } status)
                {
                    Assumed(ProfileSettings.RefusalOrder, "masks-first", $"{hidden.TrimEnd(' ', ';')}: the masks come before the lookup; rights-and-masks-first answers every account given alike, telling it apart needs an --account with Call List, no pause right and no phone masks (RIGHTS list, without ;masks=){(listOnly is { Masks.Length: 0 } ? $", whose login takes ({NotLoggedIn(listOnly)})" : string.Empty)}");
                    return;
                }

                Observe(ProfileSettings.RefusalOrder, status == unknown ? "masks-first" : status == 403 ? "rights-and-masks-first" : null, $"{hidden}{listOnly!.Login} (Call List, no pause right, no phone masks) pausing it gets {status}");
                return;
            }
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
        var maskedAsUnknown = maskedDetails == unknown; // the masks before the lookup refuse it too, with outsideAccessStatus, which may be the unknown couple's status
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
                await ObserveRightsFirstAsync(wire, withMasks, maskedDetails, missing, unknown, $"{seen}; {listOnly!.Login} (no pause right) pausing it gets 403", cancellationToken);
            }
            else
            {
                Kept(ProfileSettings.RefusalOrder, listOnly is null ? $"{seen}; telling rights-first apart needs an account with Call List but no pause right (RIGHTS list)"
                    : rights is null ? $"{seen}; {NotLoggedIn(listOnly)}"
                    : $"{seen}; {listOnly.Login} (no pause right) pausing it gets {rights}, so not rights-first; couple-first and call-list-first cannot be told apart here");
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
        var how = $"{hidden}{none.Login} pausing an unknown couple gets {refused.Status}; {(pause is null ? NotLoggedIn(listOnly) : $"{listOnly.Login} (no pause right) pausing it gets {pause}")}";
        if (pause is null)
        {
            Kept(ProfileSettings.RefusalOrder, how);
            return;
        }

        if (refused.Status == 403 && pause == unknown && maskedAsUnknown)
        {
            // masks-first refuses the masked account's unknown couple with outsideAccessStatus, and the others as
            // call-list-first does: where that status is the unknown couple's own (a 404), the two answer alike.
            Assumed(ProfileSettings.RefusalOrder, "call-list-first", $"{how}; masks-first answers the same where a couple outside the masks gets {unknown}, as an unknown one does (outsideAccessStatus)");
            takenUnless = ("call-list-first", "masks-first", unknown, how);
            return;
        }

        if (refused.Status == 403 && pause == 403 && MaskedRefusal(listOnly) is { } masks)
        {
            Kept(ProfileSettings.RefusalOrder, $"{how}; {masks}");
            return;
        }

        if (refused.Status == 403 && pause == 403)
        {
            await ObserveRightsFirstAsync(wire, withMasks, maskedDetails, missing, unknown, how, cancellationToken);
            return;
        }

        if (refused.Status == 403 && pause == unknown && maskedDetails is null)
        {
            // No account given with phone masks (or its login did not take): masks-first answers every one of them alike.
            Assumed(ProfileSettings.RefusalOrder, "call-list-first", $"{how}; masks-first answers the same to accounts without phone masks: telling them apart needs an --account with Call List and phone masks (;masks=...){(withMasks is null ? string.Empty : $", whose login takes ({NotLoggedIn(withMasks)})")}");
            return;
        }

        Observe(ProfileSettings.RefusalOrder, refused.Status != 403 ? null : pause == unknown ? "call-list-first" : null, how);
    }

    /// <summary>
    /// The pause right before the lookup: rights-first, where an account with the pause right and phone masks
    /// (<paramref name="masked"/>) is refused an unknown couple's pause with the unknown couple's status (the couple is
    /// looked up before the masks); rights-and-masks-first where it is refused otherwise (the masks before the lookup). A
    /// recorder that checked only the details of such an account (as the probe did before) was written down as rights-first,
    /// and a run against that file could try no other value. Where that account's details of the couple
    /// (<paramref name="maskedDetails"/>) got the unknown couple's status, each value fits only beside an outsideAccessStatus
    /// the masks probe may see later: rights-first where a couple outside the masks is refused otherwise, rights-and-masks-first
    /// (with outsidePauseStatus=403) where it gets that status too; until then the value is taken, not proven.
    /// </summary>
    private async Task ObserveRightsFirstAsync(Wire.Wire wire, ModelUser? masked, int? maskedDetails, long missing, int unknown, string how, CancellationToken cancellationToken)
    {
        var withMasks = masked is { PauseAndResume: true } ? await RefusedPauseAsync(wire, masked, missing, cancellationToken) : null;
        how += withMasks is { } status ? $"; {masked!.Login} (pause right, phone masks) pausing it gets {status}" : masked is { PauseAndResume: true } ? $"; {NotLoggedIn(masked)}" : string.Empty;
        if (withMasks is { } refused && refused != unknown)
        {
            // The masks before the lookup refuse its pause as outside them, while its details got the unknown couple's
            // status: so does a couple outside the masks, and its pause gets 403 (outsidePauseStatus=403).
            if (maskedDetails == unknown && refused == 403)
            {
                Assumed(ProfileSettings.RefusalOrder, "rights-and-masks-first", $"{how}; that fits only where a couple outside the masks gets {unknown} too (outsideAccessStatus) and its pause 403 (outsidePauseStatus=403)");
                takenIf = ("rights-and-masks-first", unknown, "403", how);
            }
            else
            {
                Kept(ProfileSettings.RefusalOrder, $"what was seen fits no value: {how}");
            }

            return;
        }

        if (masked is null || maskedDetails is null)
        {
            // No account given has phone masks (or its login did not take): every one is answered alike under rights-and-masks-first.
            Assumed(ProfileSettings.RefusalOrder, "rights-first", $"{how}; rights-and-masks-first answers the same to accounts without phone masks: telling them apart needs an --account with Call List, the pause right and phone masks");
        }
        else if (maskedDetails == unknown)
        {
            Assumed(ProfileSettings.RefusalOrder, "rights-first", $"{how}; rights-and-masks-first answers the same where a couple outside the masks gets {unknown}, as an unknown one does (outsideAccessStatus)");
            takenUnless = ("rights-first", "rights-and-masks-first", unknown, how);
        }
        else if (withMasks == unknown)
        {
            Kept(ProfileSettings.RefusalOrder, $"what was seen fits no value: {how}; where {masked.Login}'s details of it got {maskedDetails?.ToString(CultureInfo.InvariantCulture) ?? "no answer its login proved"}");
        }
        else
        {
            Assumed(ProfileSettings.RefusalOrder, "rights-first", $"{how}; telling it from rights-and-masks-first needs {masked.Login}'s answers, which were not seen");
        }
    }

    /// <summary>
    /// Why a 403 to <paramref name="account"/>'s pause of a couple that does not exist tells nothing of rights-first where the
    /// account has phone masks: a couple that does not exist matches no mask, and a recorder that checks the masks first
    /// (masks-first) refuses it for them, with outsidePauseStatus. Null where it has none.
    /// </summary>
    private static string? MaskedRefusal(ModelUser account) => account.Masks.Length == 0 ? null
        : $"{account.Login} (no pause right) pausing it gets 403, but {account.Login} has phone masks, which a recorder that checks them first refuses it for too: telling rights-first needs an --account with Call List, no pause right and no phone masks (RIGHTS list, without ;masks=)";

    private static string NotLoggedIn(ModelUser account) => $"{account.Login}'s list in the session of its login was not served, so its login did not take and its refusals tell nothing";

    /// <summary>
    /// The status of <paramref name="account"/>'s pause of couple <paramref name="missing"/>, which does not exist: in a
    /// session of its own, after a list that shows its login took (an account with Call List); the main account in its
    /// session. Null where that list was not served: a 403 then may be a login that did not take (a wrong password, or a
    /// recorder that keeps a user's first session).
    /// </summary>
    private async Task<int?> RefusedPauseAsync(Wire.Wire wire, ModelUser account, long missing, CancellationToken cancellationToken)
    {
        var path = $"callrec/restful/couples.xml/{missing}/pausedState";
        if (account == mainAccount)
        {
            return (await wire.SendAsync(0, HttpMethod.Post, path, "paused=true", cancellationToken: cancellationToken)).Status;
        }

        await wire.LoginAsync(2, account, cancellationToken);
        var listed = account.CallList ? (await wire.SendAsync(2, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken)).Status : 200;
        var pause = await wire.SendAsync(2, HttpMethod.Post, path, "paused=true", cancellationToken: cancellationToken);
        await wire.LogoutAsync(2, cancellationToken);
        return listed == 200 ? pause.Status : null;
    }
}
