namespace PauseResume.Simulator.Http;

/// <summary>
/// How a browser carries the control token, which it cannot put in a header of a page load or of an EventSource: a
/// cookie, HttpOnly (the page's script never reads it), SameSite=Strict, limited to the control API's path. It stands
/// for the token on reads; a request that changes something (POST, PUT, PATCH, DELETE) must also carry the header
/// <see cref="Header"/>, which another site's page cannot send without a CORS preflight the simulator never grants,
/// so a page elsewhere on this machine cannot drive the simulator with the browser's cookie.
/// </summary>
internal static class DashboardToken
{
    public const string Cookie = "simulator-token";
    public const string Header = "X-Simulator-Dashboard";

    /// <param name="controlRoot">The control API's root as the client reached it (its mount's prefix included).</param>
    public static void Remember(HttpContext context, string token, string controlRoot) =>
        context.Response.Cookies.Append(Cookie, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = controlRoot,
            IsEssential = true,
        });

    /// <summary>How many cookies of the dashboard's name the request carries, in all its Cookie headers.</summary>
    public static int Cookies(HttpRequest request)
    {
        var count = 0;
        foreach (var header in request.Headers.Cookie)
        {
            foreach (var pair in (header ?? string.Empty).Split(';'))
            {
                count += pair.AsSpan().Trim().StartsWith(Cookie + "=", StringComparison.Ordinal) ? 1 : 0;
            }
        }

        return count;
    }

    /// <summary>The token the request's cookie carries, when a cookie may stand for the token on this request.</summary>
    public static string? Read(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || request.Headers.ContainsKey(Header)
            ? request.Cookies[Cookie]
            : null;
}
