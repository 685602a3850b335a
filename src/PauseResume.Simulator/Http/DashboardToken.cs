namespace PauseResume.Simulator.Http;

/// <summary>
/// How a browser carries the control token, which it cannot put in a header of a page load or of an EventSource: a
/// cookie, HttpOnly (the page's script never reads it), SameSite=Strict, limited to the control API's path. It stands
/// for the token on reads; a request that changes something (POST, PUT, PATCH, DELETE) must also carry the header
/// <see cref="Header"/>, which another site's page cannot send without a CORS preflight the simulator never grants,
/// so a page elsewhere on this machine cannot drive the simulator with the browser's cookie. The cookie holds a pass
/// made from the token with a key of this process (<see cref="Pass"/>), never the token itself: whoever reads the
/// browser's cookies does not learn a secret that may serve elsewhere (a CI's settings, the X-Simulator-Token header),
/// and the pass ends when the simulator does.
/// </summary>
internal static class DashboardToken
{
    public const string Cookie = "simulator-token";
    public const string Header = "X-Simulator-Dashboard";

    private static readonly byte[] Key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    /// <summary>The cookie's value for <paramref name="token"/>: its HMAC-SHA256 under this process's key, base64url.</summary>
    public static string Pass(string token) =>
        System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.HMACSHA256.HashData(Key, System.Text.Encoding.UTF8.GetBytes(token)));

    /// <param name="controlRoot">The control API's root as the client reached it (its mount's prefix included).</param>
    public static void Remember(HttpContext context, string token, string controlRoot) =>
        context.Response.Cookies.Append(Cookie, Pass(token), new CookieOptions
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

    /// <summary>The pass the request's cookie carries, when a cookie may stand for the token on this request.</summary>
    public static string? Read(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || request.Headers.ContainsKey(Header)
            ? request.Cookies[Cookie]
            : null;
}
