namespace PauseResume.Simulator.Http;

/// <summary>
/// When a token is set, every control request must carry it (header X-Simulator-Token or a Bearer token); a browser
/// carries it in the dashboard's cookie instead, or once as <c>?token=</c> on the dashboard's page (see <see cref="DashboardToken"/>).
/// </summary>
internal sealed class ControlTokenFilter(string? token) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (token is null)
        {
            return next(context);
        }

        var headers = context.HttpContext.Request.Headers;
        var given = headers[ControlApi.TokenHeader].FirstOrDefault()
                    // RFC 9110: the scheme's name is case-insensitive (bearer, BEARER)
                    ?? headers.Authorization.FirstOrDefault(a => a?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true)?["Bearer ".Length..]
                    // The page's ?token= before the cookie: a cookie left from a simulator started with another token
                    // would otherwise refuse the right token given in the address, and the browser could never replace it.
                    ?? (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<TokenInQuery>() is not null
                        ? context.HttpContext.Request.Query[DashboardApi.TokenParameter].FirstOrDefault()
                        : null)
                    ?? DashboardToken.Read(context.HttpContext.Request);
        // In constant time: how long a wrong token took to refuse tells nothing of the right one.
        if (given is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(token)))
        {
            return next(context);
        }

        // The challenge names the realm, so a client (the conformance kit) can tell a locked simulator from a recorder.
        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"simulator\"";
        return ValueTask.FromResult<object?>(Results.Text(
            $"the control API needs the token given with --control-token, in the {ControlApi.TokenHeader} header\n", "text/plain",
            statusCode: StatusCodes.Status401Unauthorized));
    }
}
