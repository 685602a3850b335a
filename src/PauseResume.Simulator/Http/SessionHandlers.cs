using System.Text;
using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Http;

/// <summary>
/// Login and logout: answered alike whatever happened (SES-3), with a fresh session id (SES-4) unless the profile's
/// loginSessionId keeps the known session the request named.
/// </summary>
internal static class SessionHandlers
{
    // SES-3/SES-4: the one page every login and logout answers with, so the response reveals nothing.
    private const string Page = "<html><head><title>CallREC</title></head><body></body></html>\n";

    // SES-3 under loginPage=token: the same page with a login form carrying a fresh token, as Spring Security writes its
    // CSRF token (a UUID; a Struts transaction token, 32 hex digits, looks like a session id to a client and is no test).
    private const string TokenPageStart = "<html><head><title>CallREC</title></head><body><form action=\"/callrec/loginAction.do\" method=\"post\">"
        + "<input type=\"hidden\" name=\"_csrf\" value=\"";

    private const string TokenPageEnd = "\"></form></body></html>\n";

    // SES-5 under logoutPage=own: a page of its own, the same for every logout, logged in or not.
    private const string LogoutPage = "<html><head><title>CallREC</title></head><body><p>You are logged out.</p></body></html>\n";

    public static async Task<IResult> LogIn(HttpContext context, Recorder recorder)
    {
        // SES-3: a body that could not be read (a charset no server decodes among them) is a login without its fields,
        // answered with the login page as every login is: a servlet's getParameter finds nothing in it.
        var parameters = await Parameters.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var profile = recorder.Profile; // one for the request: the fields' reading and the domain's session rules alike
        var fields = LoginFields.Read(parameters, profile.LoginParameters);
        var login = fields.Login;
        var result = recorder.Login(
            login, fields.Password, SessionCookie.Carried(context.Request), SessionCookie.Read(context.Request), profile);
        AuditNote.Set(context, new AuditNote(login, LoggedIn: result.Verdict == LoginVerdict.LoggedIn, NamedLoggedInSession: result.ReplacedLogin is not null));
        var named = string.IsNullOrEmpty(login) ? null : ClientText.Named(login);
        var who = named is null ? "login" : $"login by {named}";
        var (why, rule) = result.Verdict switch
        {
            LoginVerdict.LoggedIn => ($"{named} logged in", "SES-1"),
            LoginVerdict.NoCookie => ($"{who} ignored: the request carried no cookie", "SES-2"),
            LoginVerdict.MissingFields when parameters.BodyError is not null => ($"{who} ignored: {parameters.BodyError}", "SES-1"),
            LoginVerdict.MissingFields => ($"{who} ignored: no login or password field in {fields.Source}", "SES-1"),
            LoginVerdict.UnknownUser => ($"{who} ignored: no such user", "SES-3"),
            LoginVerdict.HeldElsewhere => ($"{who} ignored: {named} is logged in in another session, and the first session of a user holds (sessionsPerUser=first-wins)", "SES-4"),
            _ => ($"{who} ignored: wrong password", "SES-3"),
        };
        var elsewhere = result.EndedElsewhere > 0 ? $"; {result.EndedElsewhere} other session(s) of {named} ended (sessionsPerUser=one)" : string.Empty;
        return Answer(context, result.IdIssued ? result.SessionId : null, why + elsewhere + EndedAtCap(result.EndedAtCap, recorder), rule, profile, result.PageToken);
    }

    public static IResult LogOut(HttpContext context, Recorder recorder)
    {
        var result = recorder.Logout(SessionCookie.Read(context.Request));
        AuditNote.Set(context, new AuditNote(result.Login));
        var why = result.Login is null ? "logout of a session that was not logged in" : $"{ClientText.Named(result.Login)} logged out";
        var profile = recorder.Profile;
        return Answer(context, result.IdIssued ? result.SessionId : null, why + EndedAtCap(result.EndedAtCap, recorder), "SES-5", profile, result.PageToken, profile.LogoutPage == Domain.LogoutPage.Own);
    }

    /// <summary>What happened at the cap is said in the log of the request that caused it, never in the answer (SES-3).</summary>
    private static string EndedAtCap(EndedSession? ended, Recorder recorder) => ended is null
        ? string.Empty
        : $"; maxActiveSessions={recorder.Profile.MaxActiveSessions} sessions were live, so the least recently used one"
          + (ended.Login is null ? " (not logged in)" : $" (of {ClientText.Named(ended.Login)})") + " was ended to make room";

    /// <summary>Where loginPage=redirect sends every login (and a logout answered as one), under the host's mount.</summary>
    internal const string RedirectPath = "/callrec/";

    /// <summary>
    /// Under loginPage=redirect, a GET or HEAD of where the redirect sends a login: the login page, as the application's
    /// start page would answer (a client whose HTTP library follows redirects met the unknown path's 404 there, which a
    /// recorder would not answer); null for any other request or profile.
    /// </summary>
    internal static IResult? StartPage(HttpContext context, RecorderProfile profile)
    {
        // The unknown path's endpoint (/callrec/{**rest}, under the host's mount) with nothing after /callrec/.
        // Under redirectStatus=307 a client that follows the redirect sends its POST again: the page too.
        if (profile.LoginPage != LoginPage.Redirect || !(context.Request.Method is "GET" or "HEAD" || (context.Request.Method == "POST" && profile.RedirectStatus == 307))
            || context.Request.Path.Value?.EndsWith(RedirectPath, StringComparison.Ordinal) != true
            || !string.IsNullOrEmpty(context.Request.RouteValues["rest"] as string))
        {
            return null;
        }

        Decision.Set(context, StatusCodes.Status200OK, "the start page the redirect of a login names (loginPage=redirect)", "SES-3");
        return Results.Text(Page, "text/html", Encoding.UTF8);
    }

    /// <summary>SES-3: the page (200 text/html), or under loginPage=redirect the redirect, every login and logout is answered with.</summary>
    /// <param name="token">The token the login page shows under loginPage=token, drawn by the domain with the session.</param>
    /// <param name="ownPage">The answer is a logout's under logoutPage=own: its own page, not the login's answer.</param>
    private static IResult Answer(HttpContext context, string? sessionId, string why, string rule, RecorderProfile profile, string? token, bool ownPage = false)
    {
        if (sessionId is not null)
        {
            SessionCookie.Issue(context, sessionId, profile.SessionCookie);
        }

        if (!ownPage && profile.LoginPage == LoginPage.Redirect)
        {
            Decision.Set(context, profile.RedirectStatus, why, rule);
            context.Response.Headers.Location = LinkOrigin.OfSessionCookie(context) + "/"; // /callrec/ under the host's mount, as the cookie's path
            return Results.StatusCode(profile.RedirectStatus); // redirectStatus: 302, or 303 or 307
        }

        Decision.Set(context, StatusCodes.Status200OK, why, rule);
        return Results.Text(ownPage ? LogoutPage : token is not null ? TokenPageStart + token + TokenPageEnd : Page, "text/html", Encoding.UTF8);
    }
}
