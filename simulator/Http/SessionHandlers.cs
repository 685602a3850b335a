using System.Text;
using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Http;

/// <summary>Login and logout: answered alike whatever happened (SES-3), with a fresh session id (SES-4).</summary>
internal static class SessionHandlers
{
    // SES-3/SES-4: the one page every login and logout answers with, so the response reveals nothing.
    private const string Page = "<html><head><title>CallREC</title></head><body></body></html>\n";

    public static async Task<IResult> LogIn(HttpContext context, Recorder recorder, RequestLog log)
    {
        var parameters = await Parameters.ReadAsync(context.Request, context.RequestAborted);
        if (parameters.UnknownCharset)
        {
            return Replies.Error(context, log, StatusCodes.Status400BadRequest, parameters.BodyError!, "GEN-3"); // not a login at all: nothing changes
        }

        var login = parameters.Form["login"].FirstOrDefault();
        var result = recorder.Login(
            login, parameters.Form["password"].FirstOrDefault(), SessionCookie.Carried(context.Request), SessionCookie.Read(context.Request));
        var who = string.IsNullOrEmpty(login) ? "login" : $"login by {login}";
        var (why, rule) = result.Verdict switch
        {
            LoginVerdict.LoggedIn => ($"{login} logged in", "SES-1"),
            LoginVerdict.NoCookie => ($"{who} ignored: the request carried no cookie", "SES-2"),
            LoginVerdict.MissingFields when parameters.BodyError is not null => ($"{who} ignored: {parameters.BodyError}", "SES-1"),
            LoginVerdict.MissingFields => ($"{who} ignored: the form body lacks the login or password field", "SES-1"),
            LoginVerdict.UnknownUser => ($"{who} ignored: no such user", "SES-3"),
            _ => ($"{who} ignored: wrong password", "SES-3"),
        };
        return Page200(context, log, result.SessionId, why, rule);
    }

    public static IResult LogOut(HttpContext context, Recorder recorder, RequestLog log)
    {
        var result = recorder.Logout(SessionCookie.Read(context.Request));
        var why = result.Login is null ? "logout of a session that was not logged in" : $"{result.Login} logged out";
        return Page200(context, log, result.SessionId, why, "SES-5");
    }

    private static IResult Page200(HttpContext context, RequestLog log, string sessionId, string why, string rule)
    {
        SessionCookie.Issue(context.Response, sessionId);
        log.Decided(context, StatusCodes.Status200OK, why, rule);
        return Results.Text(Page, "text/html", Encoding.UTF8);
    }
}
