using System.Text;

namespace PauseResume.Conformance.Wire;

/// <summary>
/// The cookies of the wire: the JSESSIONID an answer sets or deletes, and every other cookie kept and sent back as a
/// browser would (a balancer's, a locale).
/// </summary>
internal sealed partial class Wire
{
    /// <summary>The other cookies whose path the request's path is under, each as <c>; name=value</c>.</summary>
    private string Others(string path)
    {
        var text = new StringBuilder();
        foreach (var (name, (value, under)) in others)
        {
            if (path.StartsWith(under, StringComparison.Ordinal) && (path.Length == under.Length || under.EndsWith('/') || path[under.Length] is '/' or '?'))
            {
                text.Append("; ").Append(name).Append('=').Append(value);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Keeps every cookie an answer sets but JSESSIONID and the kit's own, as a browser would (RFC 6265, kept simple: one
    /// origin, so no domain; a path; one that expires now or earlier deletes it).
    /// </summary>
    private void Keep(Exchange exchange)
    {
        foreach (var line in exchange.Header("Set-Cookie")?.Split('\n') ?? [])
        {
            var parts = line.Split(';').Select(p => p.Trim()).ToArray();
            var pair = parts[0].Split('=', 2);
            var name = pair[0].Trim();
            if (pair.Length < 2 || name.Length == 0 || name == "JSESSIONID" || name == DummyCookie.Split('=')[0])
            {
                continue;
            }

            var path = parts.Skip(1).Select(p => p.Split('=', 2)).Where(a => a.Length == 2 && a[0].Trim().Equals("Path", StringComparison.OrdinalIgnoreCase)).Select(a => a[1].Trim()).LastOrDefault(p => p.StartsWith('/')) ?? "/";
            var expired = parts.Skip(1).Select(p => p.Split('=', 2)).Any(a => a.Length == 2
                && ((a[0].Trim().Equals("Max-Age", StringComparison.OrdinalIgnoreCase) && long.TryParse(a[1].Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var age) && age <= 0)
                    || (a[0].Trim().Equals("Expires", StringComparison.OrdinalIgnoreCase) && CookieDate.Parse(a[1].Trim()) <= clock.GetUtcNow())));
            if (expired)
            {
                others.Remove(name);
            }
            else
            {
                others[name] = (pair[1].Trim(), path);
            }
        }
    }

    /// <summary>The JSESSIONID an answer sets, if any.</summary>
    public static string? SetCookieSession(Exchange exchange) =>
        SessionCookieLine(exchange) is { } line ? line.Split(';')[0].Trim()["JSESSIONID=".Length..] : null;

    /// <summary>
    /// The last <c>Set-Cookie</c> of the answer that sets JSESSIONID, with its attributes; null when none does, or when
    /// that last one deletes the cookie (an empty value, or <c>Max-Age</c> of 0 or less: a logout that clears it), which
    /// sets no session either: the session the client named has ended all the same.
    /// </summary>
    public static string? SessionCookieLine(Exchange exchange) =>
        exchange.Header("Set-Cookie")?.Split('\n').Select(c => c.Trim()).LastOrDefault(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal)) is { } line && !Deletes(line) ? line : null;

    /// <summary>
    /// An empty value, or a lifetime already over: <c>Max-Age</c> of zero or less, or without one (it wins, RFC 6265)
    /// an <c>Expires</c> in the past, as a servlet that deletes the cookie writes it (<c>Thu, 01-Jan-1970 00:00:10 GMT</c>).
    /// </summary>
    private static bool Deletes(string line)
    {
        var parts = line.Split(';').Select(p => p.Trim()).ToList();
        var maxAge = parts.Skip(1).Where(p => p.StartsWith("Max-Age=", StringComparison.OrdinalIgnoreCase)).Select(p => int.TryParse(p["Max-Age=".Length..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var age) ? age : (int?)null).LastOrDefault();
        var expires = parts.Skip(1).Where(p => p.StartsWith("Expires=", StringComparison.OrdinalIgnoreCase)).Select(p => CookieDate.Parse(p["Expires=".Length..])).LastOrDefault();
        return parts[0]["JSESSIONID=".Length..] is "" or "\"\""
            || maxAge <= 0
            || (maxAge is null && expires <= TimeProvider.System.GetUtcNow());
    }
}
