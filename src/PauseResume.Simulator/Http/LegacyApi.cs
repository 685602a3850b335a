using System.Globalization;
using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Http;

/// <summary>The recorder's legacy Pause/Resume API under <c>/callrec</c>, as RECORDER-API.md describes it.</summary>
public static class LegacyApi
{
    public const string LoginPath = "/callrec/loginAction.do";             // SES-1
    public const string LogoutPath = "/callrec/logoutAction.do";           // SES-5
    public const string CouplesPath = "/callrec/restful/couples.xml";      // LST-1
    public const string CouplePath = CouplesPath + "/{coupleId}";          // DET-3
    public const string PausedStatePath = CouplePath + "/pausedState";     // DET-2, PSE-1
    public const string UnknownPath = "/callrec/{**rest}";                  // GEN-1: any other path of the web application

    public static IEndpointRouteBuilder MapLegacyApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(LoginPath, SessionHandlers.LogIn).AddEndpointFilter(new ExactPathFilter(LoginPath));
        app.MapPost(LogoutPath, SessionHandlers.LogOut).AddEndpointFilter(new ExactPathFilter(LogoutPath));
        // GEN-2: a JAX-RS server must answer HEAD with the GET method, dropping the entity (the server sends no body).
        // SES-4 (inferred): every answer but a login's and a logout's may open a session (anonymousSession).
        app.MapMethods(CouplesPath, ["GET", "HEAD"], ListCouples).AddEndpointFilter(new AnonymousSessions(CouplesPath)).AddEndpointFilter(new ExactPathFilter(CouplesPath));
        app.MapMethods(CouplePath, ["GET", "HEAD"], GetDetails).AddEndpointFilter(new AnonymousSessions(CouplePath)).AddEndpointFilter(new ExactPathFilter(CouplePath));
        app.MapMethods(PausedStatePath, ["POST", "PUT"], SetPausedState).AddEndpointFilter(new AnonymousSessions(PausedStatePath)).AddEndpointFilter(new ExactPathFilter(PausedStatePath));
        app.MapGet(PausedStatePath, PausedStateIsNotReadable).AddEndpointFilter(new AnonymousSessions(PausedStatePath)).AddEndpointFilter(new ExactPathFilter(PausedStatePath));
        foreach (var path in new[] { LoginPath, LogoutPath, CouplesPath, CouplePath, PausedStatePath })
        {
            // GEN-2: a known path with another method is not an unknown path
            app.Map(path, MethodNotAllowed).WithOrder(1).AddEndpointFilter(new AnonymousSessions(path)).AddEndpointFilter(new ExactPathFilter(path));
        }

        app.Map(UnknownPath, UnknownPathIsNotFound).WithOrder(2).AddEndpointFilter(new AnonymousSessions(UnknownPath)); // GEN-1, after every known path and method

        return app;
    }

    private static IResult ListCouples(HttpContext context, Recorder recorder)
    {
        // One profile for the request, the filter's reading and the domain's checks alike: a profile changed meanwhile
        // is never seen half (the status of a refused direction is the one of the profile that refused it).
        var profile = recorder.Profile;
        var query = ListFilter.Read(context.Request.QueryString);
        var filter = ListFilter.Parse(query, profile.DirectionWithoutValue, profile.DirectionCase, profile.EmptyDirection, out var filterError);
        var result = recorder.List(SessionCookie.Read(context.Request), filter, profile);
        var links = SelfLinked(result.Couples);
        AuditNote.Set(context, new AuditNote(result.Login, Links: links));
        return result.Access switch
        {
            Access.Granted => Replies.Xml(
                context, CouplesXml.ListParts(result.Couples, LinkOrigin.OfList(context, profile), CouplesXml.PartBytes),
                string.Create(CultureInfo.InvariantCulture, $"{ClientText.Named(result.Login!)} listed {result.Couples.Count} couple(s), {links.Length} with a self link")
                + ListFilter.Ignored(ListFilter.Unknown(query)), "LST-5", profile.DocumentMediaType),
            Access.BadParameter => Replies.Error(context, profile.InvalidDirectionStatus, filterError!, "LST-6"),
            // LST-7 (inferred): listWithoutCallList=empty gives a user without Call List a list that holds nothing.
            Access.NoCallList when profile.ListWithoutCallList == ListWithoutCallList.Empty => Replies.Xml(
                context, CouplesXml.List([], LinkOrigin.OfList(context, profile)),
                $"{ClientText.Named(result.Login!)} lacks the Call List permission: an empty list (listWithoutCallList=empty)", "LST-7", profile.DocumentMediaType),
            _ => Denials.Reply(context, result.Access, result.Login, null, "LST-2", "LST-7"),
        };
    }

    // LST-5: the couples listed with a self link, in the list's order.
    private static long[] SelfLinked(IReadOnlyList<ListedCouple> couples)
    {
        var count = 0;
        for (var i = 0; i < couples.Count; i++)
        {
            count += couples[i].MaySeeDetails ? 1 : 0;
        }

        var links = count == 0 ? [] : new long[count];
        count = 0;
        for (var i = 0; i < couples.Count; i++)
        {
            if (couples[i].MaySeeDetails)
            {
                links[count++] = couples[i].Couple.Id;
            }
        }

        return links;
    }

    private static IResult GetDetails(HttpContext context, Recorder recorder, string coupleId)
    {
        var id = CoupleId.Parse(coupleId);
        var profile = recorder.Profile; // one for the request: the checks, the links and an ended couple's status alike
        var result = recorder.Details(SessionCookie.Read(context.Request), id, profile);
        AuditNote.Set(context, new AuditNote(result.Login, Links: result.MayPause && id is { } linked ? [linked] : []));
        return result.Access switch
        {
            Access.Granted => Replies.Xml(
                context, CouplesXml.Details(result.State!, result.MayPause, LinkOrigin.OfDetails(context, profile), result.MayPause || profile.DetailsPaused == DetailsPaused.Always),
                $"{ClientText.Named(result.Login!)} read couple {coupleId}" + (result.MayPause ? " with its pausedState link" : " without a pausedState link (no Pause and Resume Calls)")
                + (result.State!.InProgress ? string.Empty : ", which has ended (endedCoupleDetails=served)"),
                "DET-2", profile.DocumentMediaType),
            _ => Denials.Reply(context, result.Access, result.Login, coupleId, "DET-3", "DET-3", UnknownStatus(recorder, profile, id), profile.OutsideAccessStatus, profile.WithoutCallListStatus),
        };
    }

    // Only the form a JAX-RS method that consumes application/x-www-form-urlencoded takes: a multipart form is another
    // media type, though ASP.NET Core reads both as forms.
    private static bool IsUrlEncodedForm(HttpRequest request) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static async Task<IResult> SetPausedState(HttpContext context, Recorder recorder, string coupleId)
    {
        var profile = recorder.Profile; // one for the request: the parameter's reading and the domain's checks alike
        if (profile.FormlessPost == FormlessPost.Refused && !IsUrlEncodedForm(context.Request))
        {
            // PSE-3 (inferred): a JAX-RS method that consumes only urlencoded forms refuses a request that is none, before it looks at
            // the session or the couple.
            return Replies.Error(context, StatusCodes.Status415UnsupportedMediaType, "pausedState takes a form (application/x-www-form-urlencoded), even an empty one, with paused in it or in the query string", "PSE-3");
        }

        var parameters = await Parameters.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var paused = PausedParameter.Read(parameters, profile, context.Request.Method, out var parameterError);
        var result = recorder.SetPaused(SessionCookie.Read(context.Request), CoupleId.Parse(coupleId), paused, profile);
        AuditNote.Set(context, new AuditNote(result.Login));
        var verb = paused == true ? "paused" : "resumed";
        return result.Access switch
        {
            // PSE-3 (inferred): a request that changes nothing succeeds by default; a recorder may refuse it (unchangedPauseStatus).
            Access.Granted when !result.Changed && profile.UnchangedPauseStatus >= 400 =>
                Replies.Error(context, profile.UnchangedPauseStatus, $"couple {coupleId} is {(paused == true ? "paused" : "recording")} already: nothing to change", "PSE-3"),
            // PSE-3 (inferred): a success is 204, or 200 without a body (pauseStatus; unchangedPauseStatus for one that changes nothing).
            Access.Granted => Replies.Empty(
                context, result.Changed ? profile.PauseStatus : profile.UnchangedPauseStatus,
                $"{ClientText.Named(result.Login!)} {verb} couple {coupleId}" + (result.Changed ? string.Empty : $" (already {verb}, nothing changed)"),
                result.Changed ? "PSE-1" : "PSE-3"),
            Access.BadParameter => Replies.Error(context, StatusCodes.Status400BadRequest, parameterError!, "PSE-2"),
            // outsidePauseStatus: a pause of a couple the details refuse or hide (outside the masks; without Call List) is
            // answered as the details are, or 403 whatever they answer.
            _ => Denials.Reply(
                context, result.Access, result.Login, coupleId, "PSE-4", "PSE-4", UnknownStatus(recorder, profile, CoupleId.Parse(coupleId)),
                profile.OutsidePauseStatus == OutsidePause.Refused ? 403 : profile.OutsideAccessStatus,
                profile.OutsidePauseStatus == OutsidePause.Refused ? 403 : profile.WithoutCallListStatus),
        };
    }

    // DET-3, PSE-4 (inferred): a couple the recorder still knows as ended is answered with endedCoupleStatus, one it does not
    // know with unknownCoupleStatus (each 404, 410 Gone, or 204 with no body). The refusal was decided as the request was judged; a couple unknown
    // then is ended or never was, so Find only tells which (one forgotten meanwhile, past MaxEndedCouples, is unknown again).
    // An id that is not a number is no couple at all: 404, as JAX-RS answers a path parameter it cannot convert. The profile
    // is the one the request was judged by.
    private static Denials.NotInProgress UnknownStatus(Recorder recorder, RecorderProfile profile, long? coupleId) =>
        coupleId is not { } id ? new(StatusCodes.Status404NotFound, Ended: false)
        : recorder.Find(id) is { InProgress: false } ? new(profile.EndedCoupleStatus, Ended: true)
        : new(profile.UnknownCoupleStatus, Ended: false);

    // PSE-4: 405 by default; the status is a profile setting, since only a probe of a real recorder can tell it.
    private static IResult PausedStateIsNotReadable(HttpContext context, Recorder recorder)
    {
        if (RefusedBeforeMethod(context, recorder) is { } refused)
        {
            return refused;
        }

        context.Response.Headers.Allow = "POST, PUT";
        return Replies.Error(context, recorder.Profile.PausedStateGetStatus, "pausedState takes POST or PUT, not GET", "PSE-4");
    }

    internal static IResult MethodNotAllowed(HttpContext context, Recorder recorder) =>
        RefusedBeforeMethod(context, recorder)
        ?? Replies.Error(context, recorder.Profile.MethodNotAllowedStatus, $"{ClientText.Escaped(ClientText.Cut(context.Request.Method, 40))} is not allowed on {SecretRedaction.Path(context.Request.Path.ToString())}", "GEN-2");

    /// <summary>
    /// GEN-2, PSE-4 (inferred), badMethodOrder=after-login: a request of the list, the details or pausedState that names no
    /// logged-in session is refused as not logged in before its method is looked at, as behind a servlet filter that checks
    /// the session before the resource is matched; null otherwise, and always for the login's and the logout's paths.
    /// </summary>
    private static IResult? RefusedBeforeMethod(HttpContext context, Recorder recorder)
    {
        if (recorder.Profile.BadMethodOrder != BadMethodOrder.AfterLogin || LoginRuleOf(context) is not { } rule)
        {
            return null;
        }

        var access = recorder.SessionAccess(SessionCookie.Read(context.Request));
        return access == Access.Granted ? null : Denials.Reply(context, access, null, null, rule, rule);
    }

    /// <summary>
    /// GEN-1 (inferred), unknownPathOrder=after-login: an unknown path of the API (under /callrec/restful/) that names no
    /// logged-in session is refused as not logged in, as behind a filter that guards the API's paths before the resource
    /// is matched; null otherwise.
    /// </summary>
    private static IResult? UnknownRefusedAsNotLoggedIn(HttpContext context, Recorder recorder)
    {
        // A path of the API in another case (pathCase=exact) reaches its resource's endpoint, and is unknown there.
        var underApi = LoginRuleOf(context) is not null
            || (context.GetRouteValue("rest") is string rest && rest.StartsWith("restful/", recorder.Profile.PathCase == PathCase.Any ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
        if (recorder.Profile.UnknownPathOrder != UnknownPathOrder.AfterLogin || !underApi)
        {
            return null;
        }

        var access = recorder.SessionAccess(SessionCookie.Read(context.Request));
        return access == Access.Granted ? null : Denials.Reply(context, access, null, null, "GEN-1", "GEN-1");
    }

    /// <summary>The rule for "not logged in" of the endpoint's resource (its template, after any mount of the host's); null for a login's or logout's.</summary>
    private static string? LoginRuleOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is not { } template ? null
        : template.EndsWith(PausedStatePath, StringComparison.Ordinal) ? "PSE-4"
        : template.EndsWith(CouplePath, StringComparison.Ordinal) ? "DET-3"
        : template.EndsWith(CouplesPath, StringComparison.Ordinal) ? "LST-2"
        : null;

    internal static IResult UnknownPathIsNotFound(HttpContext context, Recorder recorder) =>
        SessionHandlers.StartPage(context, recorder.Profile)
        ?? UnknownRefusedAsNotLoggedIn(context, recorder)
        ?? Replies.Error(context, recorder.Profile.UnknownPathStatus, $"no resource at {SecretRedaction.Path(context.Request.Path.ToString())}", "GEN-1");
}
