namespace PauseResume.Simulator.Http;

/// <summary>
/// The servlet session cookie (SES-4): <c>JSESSIONID</c>, <c>Path=/callrec</c> (under the path a host mounted the
/// simulator at), <c>HttpOnly</c>.
/// </summary>
internal static class SessionCookie
{
    public const string Name = "JSESSIONID";

    public static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(Name, out var id) && !string.IsNullOrEmpty(id) ? id : null;

    /// <summary>SES-2: any cookie at all, with any name and value, is enough for a login to count.</summary>
    public static bool Carried(HttpRequest request) =>
        request.Headers.Cookie.Any(header => !string.IsNullOrWhiteSpace(header));

    public static void Issue(HttpContext context, string sessionId) =>
        context.Response.Headers.SetCookie = $"{Name}={sessionId}; Path={LinkOrigin.OfSessionCookie(context)}; HttpOnly";
}
