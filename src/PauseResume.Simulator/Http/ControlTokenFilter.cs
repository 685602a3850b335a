namespace PauseResume.Simulator.Http;

/// <summary>
/// When a token is set, every control request must carry it (header X-Simulator-Token or a Bearer token); a browser
/// carries it in the dashboard's cookie instead, or once as <c>?token=</c> on the dashboard's page (see <see cref="DashboardToken"/>).
/// </summary>
internal sealed class ControlTokenFilter(string? token) : IEndpointFilter
{
    private readonly string? pass = token is null ? null : DashboardToken.Pass(token);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (token is null)
        {
            return next(context);
        }

        var headers = context.HttpContext.Request.Headers;
        var bearers = headers.Authorization.Where(a => a?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true).ToList(); // RFC 9110: bearer, BEARER
        var fromQuery = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<TokenInQuery>() is not null
            ? context.HttpContext.Request.Query[DashboardApi.TokenParameter]
            : default;
        if (headers[ControlApi.TokenHeader].Count + bearers.Count > 1 || fromQuery.Count > 1)
        {
            // Two tokens are no token, in one header or the two: which one counted was the first, so a proxy that adds its
            // own header could not lock a client out, nor a client's second header pass for the first. (Spaces around a
            // header's value are no part of it, RFC 9110: the server has trimmed them before this reads it.) The same for
            // the page's ?token=.
            return Refused(context, $"the control API needs one token: send the {ControlApi.TokenHeader} header once");
        }

        var given = headers[ControlApi.TokenHeader].FirstOrDefault()
                    ?? bearers.FirstOrDefault()?["Bearer ".Length..].TrimStart(' ') // RFC 6750: "Bearer" 1*SP b64token
                    // The page's ?token= before the cookie: a cookie left from a simulator started with another token
                    // would otherwise refuse the right token given in the address, and the browser could never replace it.
                    ?? fromQuery.FirstOrDefault();
        if (given is null && DashboardToken.Cookies(context.HttpContext.Request) > 1)
        {
            // The cookie the request's cookies gave was the last of that name: a wrong one before the right one passed.
            return Refused(context, $"the control API needs one token: the request carries the {DashboardToken.Cookie} cookie more than once");
        }

        // The cookie holds the dashboard's pass, not the token (see DashboardToken).
        var (expected, offered) = given is null ? (pass!, DashboardToken.Read(context.HttpContext.Request)) : (token, given);
        // In constant time: how long a wrong token took to refuse tells nothing of the right one.
        if (offered is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(offered), System.Text.Encoding.UTF8.GetBytes(expected)))
        {
            return next(context);
        }

        return Refused(context, $"the control API needs the token given with --control-token, in the {ControlApi.TokenHeader} header");
    }

    private static ValueTask<object?> Refused(EndpointFilterInvocationContext context, string message)
    {
        // The challenge names the realm, so a client (the conformance kit) can tell a locked simulator from a recorder.
        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"simulator\"";
        return ValueTask.FromResult<object?>(Results.Text(message + "\n", "text/plain", statusCode: StatusCodes.Status401Unauthorized));
    }
}
