using System.Globalization;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;

namespace PauseResume.Conformance.Probe;

/// <summary>DET-3: how a recorder answers for a couple that has ended (endedCoupleDetails, endedCoupleStatus).</summary>
internal sealed partial class Prober
{
    // How many couples that ended during the probe have their details read: one served proves served; the rest tell a
    // recorder that forgets an ended couple soon after from one that never serves it no better.
    private const int EndedCouplesRead = 3;

    // How many couples the list no longer holds are asked about by a filtered list at most: a list answered partly may
    // leave out hundreds, and each is a request to a live recorder.
    private const int GoneCouplesAsked = 10;

    // The session of the account whose lists tell an end where the main account has phone masks: the slot the other
    // accounts' probes log in, use and log out.
    private const int UnmaskedSlot = 2;

    /// <summary>
    /// DET-3: on a simulator the probe ends a call itself. A real recorder's calls are not the kit's to end, but they end on
    /// their own: a couple listed when the probe began that the unfiltered list of the main account, one without phone
    /// masks, no longer holds, and that a list filtered by its own calling number no longer holds either once its details
    /// are read, has ended (LST-1, LST-3: a list holds every couple in progress the filter finds; the second list guards
    /// against a list answered partly or capped). Where the main account has phone masks, another account with Call List
    /// and none lists and reads in a session of its own. Returns the couples the unfiltered list no longer held.
    /// </summary>
    private async Task<IReadOnlySet<long>> ProbeEndedCoupleAsync(Wire.Wire wire, ModelUser full, IReadOnlyList<long> couples, CancellationToken cancellationToken)
    {
        if (target.Control is { } ending && couples.Count > 1)
        {
            await ending.EndCallAsync(couples[1], cancellationToken);
            var answer = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{couples[1]}", cancellationToken: cancellationToken);
            Observe(ProfileSettings.EndedCoupleDetails, EndedDetails(answer.Status), $"the details of a couple that has ended are answered {answer.Status}");
            if (answer.Status == 200)
            {
                // Served as while in progress: its pausedState tells how a couple that ended is answered (a resume, which
                // changes nothing of a couple that has ended).
                answer = await wire.SendAsync(0, HttpMethod.Post, $"callrec/restful/couples.xml/{couples[1]}/pausedState", "paused=false", cancellationToken: cancellationToken);
            }

            Observe(ProfileSettings.EndedCoupleStatus, EndedStatus(answer.Status), $"a couple that has ended is answered {answer.Status}");
            return new HashSet<long> { couples[1] };
        }

        var lister = Unmasked(full);
        var slot = lister == full ? 0 : UnmaskedSlot;
        var why = lister is null ? $"needs a couple that ends during the probe, told by the list of an account without phone masks: its main account, {full.Login}, has some (the main account is the first --account with Call List and Pause and Resume), and no --account with Call List has none"
            : couples.Count == 0 ? "needs a couple that ends during the probe: none was in progress when it began"
            : null;
        if (why is null && slot != 0)
        {
            await wire.LoginAsync(slot, lister!, cancellationToken);
        }

        try
        {
            return await ProbeEndedCoupleAsync(wire, slot, couples, why, cancellationToken);
        }
        finally
        {
            if (why is null && slot != 0)
            {
                await wire.LogoutAsync(slot, cancellationToken);
            }
        }
    }

    /// <summary>The measurement of <see cref="ProbeEndedCoupleAsync(Wire.Wire, ModelUser, IReadOnlyList{long}, CancellationToken)"/> by the lists and reads of <paramref name="slot"/>'s session; <paramref name="why"/>: why nothing can be measured.</summary>
    private async Task<IReadOnlySet<long>> ProbeEndedCoupleAsync(Wire.Wire wire, int slot, IReadOnlyList<long> couples, string? why, CancellationToken cancellationToken)
    {
        var list = why is null ? await wire.SendAsync(slot, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken) : null;
        var now = list is { Status: 200 } ? Wire.Documents.List(list.Body)?.Select(l => l.Id).ToHashSet() : null;
        why ??= now is null ? $"needs a couple that ends during the probe, told by the list, which was answered {list!.Status}" : null;
        // The couples listed last when the probe began first: most likely the latest to end, and so still known.
        var gone = now is null ? [] : couples.Where(c => !now.Contains(c)).Reverse().ToList();
        // The filter must be seen to find a couple still listed by its number first: one that finds nothing would show
        // every couple ended.
        var ended = new List<(long Id, int Status)>();
        var asked = gone.Where(id => Telling(id)).Take(GoneCouplesAsked).ToList();
        var control = now?.Where(Telling).Cast<long?>().FirstOrDefault();
        var filterTells = asked.Count > 0 && control is { } still && await HeldByItsNumberAsync(wire, slot, still, cancellationToken) == true;
        foreach (var id in filterTells ? asked : [])
        {
            if (ended.Count < EndedCouplesRead && await HeldByItsNumberAsync(wire, slot, id, cancellationToken) == false)
            {
                // Its details are read once the filtered list showed it ended: they are then those of a couple that has.
                ended.Add((id, (await wire.SendAsync(slot, HttpMethod.Get, $"callrec/restful/couples.xml/{id}", cancellationToken: cancellationToken)).Status));
            }
        }

        why ??= gone.Count == 0 ? $"needs a couple that ends during the probe: none of the {couples.Count} couples listed when it began has left the list since (a real recorder's calls are not the kit's to end; on a busier recorder, or a later probe, one may)"
            : asked.Count == 0 ? $"needs a couple that ends during the probe: of the {gone.Count} listed when it began that its list no longer held, none has a calling number a filter can find it by"
            : !filterTells ? "needs a couple that ends during the probe: a list filtered by the calling number of a couple still listed did not hold it (or no such couple was left), so a filtered list could not show an end"
            : ended.Count == 0 ? $"needs a couple that ends during the probe: of the {gone.Count} listed when it began that its list no longer held, a list filtered by its calling number still held each it asked about, or did not tell"
            : null;
        if (why is not null)
        {
            KeptEnded(why);
            return gone.ToHashSet();
        }

        var answers = ended.Select(e => e.Status).ToList();
        var how = $"the details of {ended.Count} couple(s) listed when the probe began that its list, and a list filtered by each one's calling number, no longer hold (ended: LST-1, LST-3) are answered {string.Join(", ", answers)}";
        var statuses = answers.Distinct().ToList();
        var unknown = profile[ProfileSettings.UnknownCoupleStatus];
        if (answers.Contains(200))
        {
            // One served is proof. Its pausedState is sent nothing: on a real recorder the probe changes only a --couple's pause.
            Observe(ProfileSettings.EndedCoupleDetails, "served", how);
            Kept(ProfileSettings.EndedCoupleStatus, "the details of a couple that ended are served, so only its pausedState would tell, and on a real recorder the probe sends pausedState to a --couple alone");
        }
        else if (statuses is [var status] && EndedStatus(status) is { } value && value != unknown)
        {
            // Answered otherwise than a couple it does not know: the recorder knows these couples ended.
            Observe(ProfileSettings.EndedCoupleDetails, "status", how);
            Observe(ProfileSettings.EndedCoupleStatus, value, how);
        }
        else
        {
            var notProven = statuses is [var only] && EndedStatus(only) == unknown
                ? $"{how}: as a couple it does not know (unknownCoupleStatus={unknown}), which a recorder that forgets an ended couple at once, or serves it only for a while, answers too"
                : $"{how}: {(statuses.Count == 1 ? "no status of a couple not in progress" : "not alike")}, so nothing is measured";
            KeptEnded(notProven);
        }

        return gone.ToHashSet();
    }

    /// <summary>
    /// The account whose lists tell which couples ended: only the list of an account without phone masks holds every couple
    /// in progress, the main account's where it has none; null where no account with Call List is without.
    /// </summary>
    private ModelUser? Unmasked(ModelUser full) => full.Masks.Length == 0 ? full : accounts.FirstOrDefault(a => a.CallList && a.Masks.Length == 0);

    /// <summary>Keeps the defaults of the settings measured on a couple that ends (<see cref="ProfileSetting.NeedsAnEndedCall"/>), saying why.</summary>
    private void KeptEnded(string why)
    {
        foreach (var setting in ProfileSettings.All.Where(s => s.NeedsAnEndedCall))
        {
            Kept(setting.Name, why);
        }
    }

    // A couple listed when the probe began whose calling number a filter may find it by (three characters at least).
    private bool Telling(long id) => callingAtStart.TryGetValue(id, out var calling) && calling.Length >= 3;

    /// <summary>LST-3: whether a list filtered by the calling number the couple had when the probe began holds it; null where the list tells nothing.</summary>
    private async Task<bool?> HeldByItsNumberAsync(Wire.Wire wire, int slot, long id, CancellationToken cancellationToken)
    {
        var filtered = await wire.SendAsync(slot, HttpMethod.Get, $"callrec/restful/couples.xml?phoneNumber={Uri.EscapeDataString(callingAtStart[id])}", cancellationToken: cancellationToken);
        return Wire.Documents.Holds(filtered, id);
    }

    private static string? EndedDetails(int status) => status == 200 ? "served" : EndedStatus(status) is null ? null : "status";

    private static string? EndedStatus(int status) => status is 404 or 410 or 204 ? status.ToString(CultureInfo.InvariantCulture) : null;
}
