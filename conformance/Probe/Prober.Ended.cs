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

    /// <summary>
    /// DET-3: on a simulator the probe ends a call itself. A real recorder's calls are not the kit's to end, but they end on
    /// their own: a couple listed when the probe began that the unfiltered list of the main account, one without phone
    /// masks, no longer holds has ended (LST-1: the list holds every couple in progress), and its details are read.
    /// </summary>
    private async Task ProbeEndedCoupleAsync(Wire.Wire wire, ModelUser full, IReadOnlyList<long> couples, CancellationToken cancellationToken)
    {
        if (target.Control is { } ending && couples.Count > 1)
        {
            await ending.EndCallAsync(couples[1], cancellationToken);
            var ended = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{couples[1]}", cancellationToken: cancellationToken);
            Observe(ProfileSettings.EndedCoupleDetails, EndedDetails(ended.Status), $"the details of a couple that has ended are answered {ended.Status}");
            if (ended.Status == 200)
            {
                // Served as while in progress: its pausedState tells how a couple that ended is answered (a resume, which
                // changes nothing of a couple that has ended).
                ended = await wire.SendAsync(0, HttpMethod.Post, $"callrec/restful/couples.xml/{couples[1]}/pausedState", "paused=false", cancellationToken: cancellationToken);
            }

            Observe(ProfileSettings.EndedCoupleStatus, EndedStatus(ended.Status), $"a couple that has ended is answered {ended.Status}");
            return;
        }

        var why = full.Masks.Length > 0 ? "needs a couple that ends during the probe, told by the list of an account without phone masks (--account), which a list of a user with masks is not"
            : couples.Count == 0 ? "needs a couple that ends during the probe: none was in progress when it began"
            : null;
        var list = why is null ? await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken) : null;
        var now = list is { Status: 200 } ? Wire.Documents.List(list.Body)?.Select(l => l.Id).ToHashSet() : null;
        why ??= now is null ? $"needs a couple that ends during the probe, told by the list, which was answered {list!.Status}" : null;
        var gone = now is null ? [] : couples.Where(c => !now.Contains(c)).Take(EndedCouplesRead).ToList();
        why ??= gone.Count == 0 ? $"needs a couple that ends during the probe: none of the {couples.Count} listed when it began had ended (a real recorder's calls are not the kit's to end; on a busier recorder, or a later probe, one may)" : null;
        if (why is not null)
        {
            foreach (var setting in ProfileSettings.All.Where(s => s.NeedsAnEndedCall))
            {
                Kept(setting.Name, why);
            }

            return;
        }

        var answers = new List<int>();
        foreach (var id in gone)
        {
            answers.Add((await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{id}", cancellationToken: cancellationToken)).Status);
        }

        // One served is proof; answered only by statuses, the details are answered as DET-3 says (or the couples were
        // forgotten at once, which a run tells apart where it sees an ended couple served).
        var served = answers.Contains(200);
        var statuses = answers.Distinct().ToList();
        var how = $"the details of {gone.Count} couple(s) listed when the probe began that its list no longer holds (ended, LST-1) are answered {string.Join(", ", answers)}";
        Observe(ProfileSettings.EndedCoupleDetails, served ? "served" : statuses.All(s => EndedDetails(s) == "status") ? "status" : null, how);
        if (served)
        {
            // Its pausedState is sent nothing: on a real recorder the probe changes only a --couple's pause.
            Kept(ProfileSettings.EndedCoupleStatus, "the details of a couple that ended are served, so only its pausedState would tell, and on a real recorder the probe sends pausedState to a --couple alone");
        }
        else
        {
            Observe(ProfileSettings.EndedCoupleStatus, statuses.Count == 1 ? EndedStatus(statuses[0]) : null, how);
        }
    }

    private static string? EndedDetails(int status) => status == 200 ? "served" : EndedStatus(status) is null ? null : "status";

    private static string? EndedStatus(int status) => status is 404 or 410 or 204 ? status.ToString(CultureInfo.InvariantCulture) : null;
}
