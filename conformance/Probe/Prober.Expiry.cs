using System.Globalization;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Wire;

namespace PauseResume.Conformance.Probe;

/// <summary>
/// SES-6 (inferred): a recorder's sessions may expire after an idle shorter than the probe's pauses between one
/// session's requests (the probe works with one account while another's session waits). A 403 in a session that then
/// had ended would be measured as the answer of the request, and settings read from it would blame other causes.
/// </summary>
internal sealed partial class Prober
{
    // The requests refused in a session that had ended: whose, how long after the server last showed it alive, and the answer
    // to the same request after a new login.
    private readonly List<(string Login, TimeSpan Idle, int Again)> ended = [];
    private bool renewing;

    /// <summary>
    /// A 403 to a request in a session the probe logged in a user with Call List, sent <see cref="StepContext.IdleWorthAsking"/>
    /// or more after the server last showed the session alive (<see cref="Wire.Wire.SinceAliveBefore"/>: the requests between
    /// may not have touched it), and twice the pace, if longer (at a low --rate every gap is a second):
    /// the list, which that user may always ask for, tells whether the session lives, as the kit's runs tell
    /// (<see cref="StepContext.NoteRefusalAsync"/>). Served, the 403 stands. Refused too, the session had ended: the user is
    /// logged in again in a fresh session (naming the old one, a recorder that keeps a user's first session might count
    /// it) and the request sent once more (every probe request may be); the second answer is the one measured. A user
    /// without Call List has no request to tell with, and is logged in afresh before each part of the probe it serves.
    /// </summary>
    private async Task<Exchange> RenewAfterIdleAsync(Wire.Wire wire, Exchange refused, CancellationToken cancellationToken)
    {
        var slot = refused.Slot;
        var idle = wire.SinceAliveBefore(slot); // the requests between may not have touched it (an unknown path's 404)
        if (renewing || idle < StepContext.IdleWorthAsking || idle < pace * 2 || wire.LoggedInAs(slot) is not { CallList: true } user || refused.PathAndQuery.StartsWith("/callrec/log", StringComparison.Ordinal))
        {
            return refused;
        }

        renewing = true;
        try
        {
            const string list = "callrec/restful/couples.xml";
            if (refused.Method != "GET" || refused.PathAndQuery != "/" + list)
            {
                if ((await wire.SendAsync(slot, HttpMethod.Get, list, cancellationToken: cancellationToken)).ShowsSessionAlive)
                {
                    return refused;
                }
            }

            wire.UseSession(slot, null);
            await wire.LoginAsync(slot, user, cancellationToken); // a fresh session, whose idle the wire counts from this login
            var again = await wire.SendAsync(slot, new HttpMethod(refused.Method), refused.PathAndQuery, refused.Form, cancellationToken: cancellationToken);
            ended.Add((user.Login, idle, again.Status));
            return again;
        }
        finally
        {
            renewing = false;
        }
    }

    /// <summary>What the probe says of the sessions it found ended, for sessionIdleTimeout's note; null: none.</summary>
    private string? EndedSessions() => ended.Count == 0 ? null : string.Create(CultureInfo.InvariantCulture,
        $"{ended.Count} request(s) in sessions of {string.Join(", ", ended.Select(e => e.Login).Distinct())} were refused 403 {ended.Min(e => e.Idle).TotalSeconds:0.0}–{ended.Max(e => e.Idle).TotalSeconds:0.0} s after the server last showed their session alive, and the list in the same session too; after a new login of the same user they were answered {string.Join(", ", ended.Select(e => e.Again).Distinct().Order())}. The sessions had ended meanwhile: an idle timeout shorter than the profile's is one cause (SES-6, inferred), another login of the same user or a cap on sessions are others. The probe measured the answers after the new login; a run's idle checks report such an end as SES-6's timing");
}
