using System.Text.RegularExpressions;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// SES-4, all of it inferred: the JSESSIONID a login or logout answer sets. Under <c>loginSessionId=fresh</c> every
/// such answer sets a new id; under <c>kept</c> a known session keeps its id, and a new one appears only when needed.
/// The id is 32 upper-case hex digits (with <c>.jvmRoute</c> on a clustered Tomcat; Jetty's is letters and digits, with
/// its worker name in the same place; WebSphere's has its clone id after a colon), with Path=/callrec and HttpOnly.
/// </summary>
internal static partial class SessionCookie
{
    /// <param name="logout">The answer is a logout's: under <c>logoutSessionId=none</c> a logout of a logged-in session
    /// sets no cookie; under <c>logoutSession=logged-out</c> it keeps the id it names.</param>
    /// <param name="loggedIn">The logout named a session the model holds as logged in.</param>
    /// <param name="worked">The answer is a login's that worked: under <c>loginSessionId=on-success</c> only those set a new id.</param>
    public static IEnumerable<Check> Checks(Wire.Exchange answer, string? previous, RunMemory memory, ModelState model, bool logout = false, bool worked = false, bool loggedIn = false)
    {
        var profile = model.Profile;
        var setCookie = Wire.Wire.SessionCookieLine(answer);
        var id = Wire.Wire.SetCookieSession(answer);
        // Under logoutSession=logged-out the session a logout names stays, id and all: a Set-Cookie that repeats that id
        // changes nothing a client holds, as a kept session's login may repeat it (under logged-out-new-id too, where
        // logoutSessionId=none makes it logged-out's).
        var keptAlone = profile.LogoutKeepsSession || (profile.LogoutSetsNoCookie && profile[Profiles.ProfileSettings.LogoutSession] == "logged-out-new-id");
        var repeatsKept = logout && keptAlone && id is not null && id == previous;
        if (logout && loggedIn && (profile.LogoutSetsNoCookie || keptAlone))
        {
            if (setCookie is not null && !repeatsKept)
            {
                var which = profile.LogoutKeepsSession ? "logoutSession=logged-out: the id stays" : "logoutSessionId=none";
                yield return Check.That("SES-4", false, $"a logout of a logged-in session sets no new session cookie ({which}, profile {profile.Name})", "no JSESSIONID cookie", setCookie.Trim()).Inferred();
            }

            yield break;
        }

        if (logout && profile.LogoutSetsNoCookie)
        {
            // A logout naming no logged-in session: a servlet that makes a session for the request and invalidates it at
            // once sets that dead session's id (the probe measures none where a logout naming such an id gets a new one).
            yield break;
        }

        if (setCookie is null)
        {
            // A logout under logoutSessionId=fresh sets a new id whatever loginSessionId says: the session it named is
            // invalidated and its page makes another (logoutSession=ended); under logged-out a logout naming a session the
            // recorder still knows, logged in or not, sets none (the id stays): the kit asks a cookie there only of a
            // logout that named no session at all.
            var expected = logout ? !profile.LogoutKeepsSession || previous is null : profile.FreshSessionIds || (profile.FreshIdOnSuccess && worked);
            if (expected)
            {
                var which = logout
                    ? profile.LogoutKeepsSession ? "a logout naming no session, logoutSessionId=fresh" : $"logoutSessionId=fresh, logoutSession={profile[Profiles.ProfileSettings.LogoutSession]}"
                    : $"loginSessionId={profile[Profiles.ProfileSettings.LoginSessionId]}{(profile.FreshIdOnSuccess ? ", a login that worked" : string.Empty)}";
                yield return Check.That("SES-4", false, $"the answer sets a new session id ({which}, profile {profile.Name})", "Set-Cookie: JSESSIONID=…", "no JSESSIONID cookie").Inferred();
            }

            yield break;
        }

        // The id is Tomcat's 32 upper-case hex digits; a container configured otherwise (a sessionIdLength, a generator of
        // its own) writes more or fewer, or lower-case ones, and Jetty letters and digits (node0…, its worker name where
        // Tomcat writes the jvmRoute): the same opaque token to a client, which sends it back as set.
        // WebSphere writes its clone id after a colon, which a client sends back with the rest.
        var idPattern = "[0-9A-Za-z_-]{16,128}(:[0-9A-Za-z_-]{1,32})?" + (profile.JvmRoute.Length == 0 ? string.Empty : Regex.Escape("." + profile.JvmRoute));
        var shapeOk = Regex.IsMatch(id ?? string.Empty, $"^{idPattern}$") && HasAttributes(setCookie, profile.HttpOnlyCookie);
        yield return Check.That(
            "SES-4", shapeOk, $"the answer sets a servlet session cookie (jvmRoute '{profile.JvmRoute}', sessionCookie={profile[Profiles.ProfileSettings.SessionCookie]}, profile {profile.Name})",
            $"JSESSIONID=<letters and digits, 32 upper-case hex digits in Tomcat>{(profile.JvmRoute.Length == 0 ? string.Empty : "." + profile.JvmRoute)}; Path=/callrec{(profile.HttpOnlyCookie ? "; HttpOnly" : string.Empty)}", setCookie.Trim()) with { Neutral = true };
        if (id is not null && ((profile.FreshSessionIds && !repeatsKept) || id != previous))
        {
            // Under loginSessionId=kept a Set-Cookie may repeat the id the request named; a new one must be new.
            yield return Check.That("SES-4", id != previous && memory.IsFresh(id), "the session id is fresh", "an id never seen before", id) with { Neutral = true };
        }
    }

    /// <summary>
    /// SES-4 (inferred), anonymousSession: whether the refusal of a request that named no session opens one. A servlet
    /// application that asks for a session on every request (a JSP with sessions on, a security filter) sets a fresh
    /// JSESSIONID on every answer to a request without one; the kit's model holds no such session, so nothing hangs on it.
    /// </summary>
    public static Check Anonymous(Wire.Exchange answer, Profiles.KitProfile profile)
    {
        var opened = Wire.Wire.SessionCookieLine(answer);
        var want = profile.OpensAnonymousSessions;
        return Check.That(
            "SES-4", (opened is not null) == want, $"the refusal of a request that names no session {(want ? "opens" : "opens no")} session (anonymousSession={profile[Profiles.ProfileSettings.AnonymousSession]}, profile {profile.Name})",
            want ? "Set-Cookie: JSESSIONID=…" : "no JSESSIONID cookie", opened?.Trim() ?? "no JSESSIONID cookie").Inferred() with { Neutral = true };
    }

    /// <summary>
    /// Path=/callrec (Tomcat 7 writes /callrec/, and a container configured to share its sessions with other applications
    /// writes /: the same cookie to a client of /callrec) must be there, and HttpOnly as sessionCookie
    /// says (Tomcat 6 did not write it); Secure, SameSite, a lifetime, a domain or a version may be added by the server:
    /// attribute names are case-insensitive (RFC 6265), and none of these changes what a client sends to /callrec while
    /// the session lives.
    /// </summary>
    private static bool HasAttributes(string setCookie, bool httpOnly)
    {
        var attributes = setCookie.Split(';').Skip(1).Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
        return attributes.Any(a => CallrecPath().IsMatch(a))
            && attributes.Contains("HttpOnly", StringComparer.OrdinalIgnoreCase) == httpOnly
            && attributes.All(a => Allowed().IsMatch(a));
    }

    [GeneratedRegex("^Path\\s*=\\s*/(callrec/?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex CallrecPath();

    [GeneratedRegex("^(Path\\s*=\\s*/(callrec/?)?|HttpOnly|Secure|SameSite\\s*=\\s*\\w+|Max-Age\\s*=\\s*[1-9][0-9]*|Expires\\s*=.+|Domain\\s*=.+|Version\\s*=.+|Comment\\s*=.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Allowed();
}
