namespace PauseResume.Simulator.Http;

/// <summary>
/// The servlet session cookie (SES-4): <c>JSESSIONID</c>, <c>Path=/callrec</c> (under the path a host mounted the
/// simulator at), <c>HttpOnly</c>.
/// </summary>
internal static class SessionCookie
{
    public const string Name = "JSESSIONID";

    /// <summary>
    /// The session id the request names, or null. The cookie's name is matched as written, as Tomcat matches it: a
    /// <c>jsessionid</c> cookie names no session (ASP.NET Core's cookie collection would take it). Of several, as Tomcat
    /// reads them, the first that names a live session counts, else the first: a browser sends the cookie of the longer
    /// path first, and one it also holds for <c>Path=/</c> (another application of the host, an old session) must not
    /// hide the session it logged in with. An empty one names none.
    /// </summary>
    public static string? Read(HttpRequest request)
    {
        string? first = null;
        List<string>? later = null;
        foreach (var header in request.Headers.Cookie)
        {
            var cookies = header.AsSpan();
            foreach (var range in cookies.Split(';'))
            {
                var cookie = cookies[range];
                var equals = cookie.IndexOf('=');
                if (equals > 0 && cookie[..equals].Trim().SequenceEqual(Name) && cookie[(equals + 1)..].Trim() is { IsEmpty: false } value)
                {
                    if (first is null)
                    {
                        first = value.ToString();
                    }
                    else
                    {
                        (later ??= []).Add(value.ToString());
                    }
                }
            }
        }

        if (later is null || request.HttpContext.RequestServices.GetService<Domain.Recorder>() is not { } recorder || recorder.Knows(first!))
        {
            return first;
        }

        return later.FirstOrDefault(recorder.Knows) ?? first;
    }

    /// <summary>
    /// SES-2: any cookie at all, with any name and value, is enough for a login to count. A header without a cookie in it
    /// (<c>;</c>, <c>=x</c>, only RFC 2109's <c>$Version</c>) carries none: a servlet's request has no cookies then.
    /// </summary>
    public static bool Carried(HttpRequest request)
    {
        foreach (var header in request.Headers.Cookie)
        {
            var cookies = header.AsSpan();
            foreach (var range in cookies.Split(';'))
            {
                var cookie = cookies[range];
                var equals = cookie.IndexOf('=');
                var name = (equals < 0 ? cookie : cookie[..equals]).Trim();
                if (!name.IsEmpty && name[0] != '$' && !name.ContainsAny(' ', ',', '"'))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static void Issue(HttpContext context, string sessionId, Domain.SessionCookieKind kind) =>
        Issue(context, sessionId, kind, LinkOrigin.OfSessionCookie(context));

    /// <summary>As <see cref="Issue(HttpContext, string, Domain.SessionCookieKind)"/>, with the cookie's path given.</summary>
    public static void Issue(HttpContext context, string sessionId, Domain.SessionCookieKind kind, string path) =>
        context.Response.Headers.SetCookie = $"{Name}={sessionId}; Path={path}{(kind == Domain.SessionCookieKind.HttpOnly ? "; HttpOnly" : string.Empty)}";
}
