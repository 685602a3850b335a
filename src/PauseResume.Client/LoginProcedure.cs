using System.Net;

namespace PauseResume.Client;

/// <summary>
/// A login that tells the truth: post the credentials with a cookie (SES-1, SES-2), take the fresh session id
/// (SES-4), then ask the server whether the session is logged in, since the login answer never says (SES-3).
/// </summary>
internal sealed class LoginProcedure(RecorderClient client)
{
    public async Task RunAsync(string login, string password, CancellationToken cancellationToken)
    {
        ClientLog.LoggingIn(client.Logger, login);
        var form = new Dictionary<string, string> { ["login"] = login, ["password"] = password };
        using (var request = client.Request(HttpMethod.Post, Paths.Login, form))
        using (var response = await client.SendRawAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
            {
                throw new RecorderException(
                    RecorderError.UnexpectedResponse, $"there is no recorder login at {request.RequestUri}", "SES-1", response.StatusCode,
                    await Failures.MessageAsync(response, cancellationToken).ConfigureAwait(false));
            }

            client.SessionId = SessionIdOf(response) ?? client.SessionId;
        }

        using var check = client.Request(HttpMethod.Get, SessionCheck.Probe);
        using var answer = await client.SendRawAsync(check, cancellationToken).ConfigureAwait(false);
        if (answer.StatusCode == HttpStatusCode.OK)
        {
            ClientLog.LoggedIn(client.Logger, login);
            return;
        }

        var message = await Failures.MessageAsync(answer, cancellationToken).ConfigureAwait(false);
        await LogOutQuietlyAsync(cancellationToken).ConfigureAwait(false);
        client.SessionId = null;
        ClientLog.LoginRejected(client.Logger, login, (int)answer.StatusCode);
        throw answer.StatusCode switch
        {
            // SES-3: the login answer never tells, and the check's 403 (LST-2 or LST-7) is the same for both causes on
            // a real recorder. A body that names a rule is only the simulator's courtesy: it enriches the message
            // (ServerMessage), it never decides the kind.
            HttpStatusCode.Forbidden => new RecorderException(
                RecorderError.LoginRejected,
                $"the login of {login} did not take: either the login or password is wrong, or the user lacks Call List (the recorder does not say which)",
                "SES-3", answer.StatusCode, message),
            _ when Elsewhere(answer) is { } moved => new RecorderException(
                RecorderError.UnexpectedResponse,
                $"the recorder at {answer.RequestMessage!.RequestUri!.GetLeftPart(UriPartial.Authority)} redirects to {moved.GetLeftPart(UriPartial.Authority)} ({(int)answer.StatusCode}): give that as the base address (an http recorder that moved to https, say); the client follows no redirect",
                "SES-3", answer.StatusCode, message),
            _ => new RecorderException(RecorderError.UnexpectedResponse, $"checking the login of {login} got {(int)answer.StatusCode}", "SES-3", answer.StatusCode, message),
        };
    }

    /// <summary>Where a redirect of the check sends it, when that is another scheme, host or port; null for any other answer.</summary>
    private static Uri? Elsewhere(HttpResponseMessage answer) =>
        (int)answer.StatusCode is 301 or 302 or 303 or 307 or 308 && answer.Headers.Location is { } location && answer.RequestMessage?.RequestUri is { IsAbsoluteUri: true } asked
        && new Uri(asked, location) is var moved && !string.Equals(moved.GetLeftPart(UriPartial.Authority), asked.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            ? moved
            : null;

    /// <summary>
    /// A 403 on the check is also what a login that worked gets for a user without Call List (LST-7), whose session would
    /// stay logged in until it expires (SES-6) with nobody to end it; a logout of a session that is not logged in is
    /// answered like any other (SES-5), so the client always sends one.
    /// </summary>
    private async Task LogOutQuietlyAsync(CancellationToken cancellationToken)
    {
        using var request = client.Request(HttpMethod.Post, Paths.Logout);
        using var response = await client.SendRawAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static string? SessionIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0].Trim())
                .Where(c => c.StartsWith(Paths.SessionCookie + "=", StringComparison.Ordinal))
                .Select(c => c[(Paths.SessionCookie.Length + 1)..])
                .LastOrDefault(id => id.Length > 0)
            : null;
}
