using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Http;

/// <summary>
/// SES-4 (inferred), anonymousSession=any-request: the answer to a request of the legacy API that names no live
/// session sets the JSESSIONID of a new one, not logged in, as a servlet application that asks for a session on every
/// request does; under refusals only the answer that refuses it as not logged in (403), as a security filter that saves
/// the refused request for after the login does. Not on a login's or a logout's answer (their cookies are loginSessionId's and logoutSessionId's), nor on
/// an answer a fault gave instead of the handler (the filter stands inside the faults').
/// </summary>
/// <param name="legacyPattern">The legacy route the filter's endpoint serves: the cookie's path is the mount's <c>/callrec</c>.</param>
internal sealed class AnonymousSessions(string legacyPattern) : IEndpointFilter
{
    private readonly int legacySegments = LinkOrigin.SegmentsOf(legacyPattern);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var recorder = context.HttpContext.RequestServices.GetRequiredService<Recorder>();
        return recorder.Profile.AnonymousSession == AnonymousSession.None ? next(context) : OpenedAsync(context, next, recorder);
    }

    private async ValueTask<object?> OpenedAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, Recorder recorder)
    {
        var result = await next(context).ConfigureAwait(false);
        var http = context.HttpContext;
        var profile = recorder.Profile;
        // Under pathCase=exact a path whose context is spelled otherwise (/CALLREC/...) is another web application's, as
        // Tomcat routes it: not this one's to open a session for.
        if (!http.Response.HasStarted && http.Response.Headers.SetCookie.Count == 0
            && (profile.AnonymousSession == AnonymousSession.AnyRequest || AuditNote.Of(http)?.SessionNotLoggedIn == true)
            && (profile.PathCase == PathCase.Any || LinkOrigin.NamesContextAsWritten(http, legacySegments))
            && recorder.OpenAnonymousSession(SessionCookie.Read(http.Request), profile) is { } id)
        {
            SessionCookie.Issue(http, id, profile.SessionCookie, LinkOrigin.OfSessionCookie(http, legacySegments));
        }

        return result;
    }
}
