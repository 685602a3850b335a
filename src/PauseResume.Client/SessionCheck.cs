using System.Net;

namespace PauseResume.Client;

/// <summary>
/// Whether the session is logged in: a list request that matches nothing is the cheapest question the API
/// answers with 200 when logged in (with Call List) and 403 when not (LST-2).
/// </summary>
internal sealed class SessionCheck(RecorderClient client)
{
    public const string Probe = Paths.Couples + "?phoneNumber=PauseResume-session-check";

    /// <summary>Whether a request is itself a list, whose 403 answers what the check would ask.</summary>
    public static bool IsList(HttpMethod method, string uri) =>
        method == HttpMethod.Get && uri.Split('?')[0].EndsWith(Paths.Couples, StringComparison.Ordinal);

    public async Task<bool> IsAliveAsync(string? session, CancellationToken cancellationToken)
    {
        if (session is null)
        {
            return false;
        }

        using var request = client.Request(HttpMethod.Get, Probe, null, session);
        using var response = await client.SendRawAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.OK;
    }
}
