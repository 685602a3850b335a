using System.Globalization;

namespace PauseResume.Client;

/// <summary>
/// The cookies the recorder, or a load balancer in front of it, sets besides the session's: sent back with every request.
/// A balancer that keeps a client on one node of a cluster by a cookie of its own (HAProxy's <c>SERVERID</c>, F5's
/// <c>BIGipServer…</c>) otherwise sends each request to any node, where the session is unknown, and every login seems
/// not to take (SES-1, SES-4). One recorder, one origin: a cookie's path and domain are not looked at.
/// </summary>
public sealed partial class RecorderClient
{
    private readonly Lock cookieLock = new();
    private readonly Dictionary<string, string> otherCookies = new(StringComparer.Ordinal);
    private volatile string otherCookieHeader = string.Empty;

    /// <summary>The other cookies as they follow the client's own in a <c>Cookie</c> header: <c>; name=value</c> each.</summary>
    private string OtherCookies => otherCookieHeader;

    /// <summary>Keeps what an answer sets, but the session cookie and the client's dummy; a cookie that expires now or earlier is dropped.</summary>
    private void KeepCookies(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var lines))
        {
            return;
        }

        var dummy = options.DummyCookie.Split('=')[0];
        lock (cookieLock)
        {
            var set = false;
            foreach (var line in lines)
            {
                var parts = line.Split(';');
                var pair = parts[0].Split('=', 2);
                var name = pair[0].Trim();
                if (pair.Length < 2 || name.Length == 0 || name == Paths.SessionCookie || name == dummy)
                {
                    continue;
                }

                if (Expired(parts))
                {
                    otherCookies.Remove(name);
                }
                else
                {
                    otherCookies[name] = pair[1].Trim();
                }

                set = true;
            }

            if (set)
            {
                otherCookieHeader = string.Concat(otherCookies.Select(c => $"; {c.Key}={c.Value}"));
            }
        }
    }

    private static bool Expired(string[] parts) => parts.Skip(1).Select(p => p.Split('=', 2)).Any(a => a.Length == 2
        && ((a[0].Trim().Equals("Max-Age", StringComparison.OrdinalIgnoreCase) && long.TryParse(a[1].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var age) && age <= 0)
            || (a[0].Trim().Equals("Expires", StringComparison.OrdinalIgnoreCase) && DateTimeOffset.TryParse(a[1].Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at <= TimeProvider.System.GetUtcNow())));
}
