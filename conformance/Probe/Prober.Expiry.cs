using System.Globalization;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Wire;

namespace PauseResume.Conformance.Probe;

/// <summary>
/// SES-6 (inferred): a recorder's sessions may expire after an idle shorter than the probe's pauses between one
/// session's requests (the probe works with one account while another's session waits). A 403 in a session that then
/// had expired would be measured as the answer of the request, and settings read from it would blame other causes.
/// </summary>
internal sealed partial class Prober
{
    // The sessions the probe found expired: whose, and the longest each had gone without a request.
    private readonly List<(string Login, TimeSpan Idle)> expired = [];
    private bool renewing;

    /// <summary>
    /// A 403 to a request in a session the probe logged in, after the session went <see cref="StepContext.ShortestIdleTimeout"/>
    /// or more without a request since the server last served it (twice the pace, if longer: at a low --rate every gap
    /// is a second, and a session that expired in one could serve no client): the slot's user is logged in again and the
    /// request sent once more (every probe request may be), and the second answer is the one measured. Answered
    /// otherwise, the session had expired, and the summary says so.
    /// </summary>
    private async Task<Exchange> RenewAfterIdleAsync(Wire.Wire wire, Exchange refused, CancellationToken cancellationToken)
    {
        var slot = refused.Slot;
        var idle = wire.IdleBefore(slot);
        if (renewing || idle < StepContext.ShortestIdleTimeout || idle < pace * 2 || wire.LoggedInAs(slot) is not { } user || refused.PathAndQuery.StartsWith("/callrec/log", StringComparison.Ordinal))
        {
            return refused;
        }

        renewing = true;
        try
        {
            await wire.LoginAsync(slot, user, cancellationToken);
            wire.IdleFromNow(slot);
            var again = await wire.SendAsync(slot, new HttpMethod(refused.Method), refused.PathAndQuery, refused.Form, cancellationToken: cancellationToken);
            if (again.Status != 403)
            {
                expired.Add((user.Login, idle));
            }

            return again;
        }
        finally
        {
            renewing = false;
        }
    }

    /// <summary>What the probe says of the sessions it found expired, for sessionIdleTimeout's note and the summary; null: none.</summary>
    private string? ExpiredSessions() => expired.Count == 0 ? null : string.Create(CultureInfo.InvariantCulture,
        $"{expired.Count} session(s) the probe held ({string.Join(", ", expired.Select(e => e.Login).Distinct())}) were refused after going up to {expired.Max(e => e.Idle).TotalSeconds:0.0} s without a request, and the same request was served after a new login: this recorder's sessions seem to expire after an idle of seconds (SES-6, inferred). The probe logged in again and measured the second answer each time; a run's idle checks report such expiries as SES-6's timing");
}
