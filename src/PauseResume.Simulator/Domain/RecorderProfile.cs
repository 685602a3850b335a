namespace PauseResume.Simulator.Domain;

/// <summary>
/// The behaviour profile: every inferred (I) rule of RECORDER-API.md whose behaviour is a choice is one named
/// setting here, with the documented default. Choose a profile by name, then override settings one by one.
/// </summary>
public sealed partial record RecorderProfile
{
    public const string DefaultName = "default";
    public const string JaxRsLenientName = "jaxrs-lenient";

    public static RecorderProfile Default { get; } = new();

    /// <summary>The Java reading of <c>paused</c> (PSE-2): <c>pause=true</c> resumes, and of two values the first counts.</summary>
    public static RecorderProfile JaxRsLenient { get; } =
        new() { Name = JaxRsLenientName, PausedParameter = PausedParameterReading.JaxRsLenient, RepeatedPaused = RepeatedPaused.First };

    /// <summary>The bounds of <see cref="SessionIdleTimeout"/> (SES-6).</summary>
    public static readonly TimeSpan MinSessionIdleTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxSessionIdleTimeout = TimeSpan.FromDays(30);

    public static IReadOnlyList<RecorderProfile> BuiltIn { get; } = [Default, JaxRsLenient];

    /// <summary>The setting names, as used on the command line, in world files and in the control API.</summary>
    public static IReadOnlyList<string> SettingNames { get; } =
    [
        "pausedParameter", "pausedLocation", "repeatedPaused", "invalidDirectionStatus", "sessionIdleTimeout",
        "directionWithoutValue", "unseenCouples", "refusalOrder", "badDirectionOrder", "badPausedOrder", "loginParameters",
        "pausedStateGetStatus", "unknownPathStatus", "methodNotAllowedStatus", "pauseStatus", "unchangedPauseStatus", "endedCoupleStatus", "unknownCoupleStatus",
        "outsideAccessStatus", "outsidePauseStatus", "withoutCallListStatus",
        "linkOrigin", "jvmRoute", "loginSessionId", "failedLoginSession", "successfulLoginSession", "maxActiveSessions", "sessionsPerUser",
        "pathCase", "headMethod", "formlessPost", "loginPage", "logoutSessionId", "directionCase", "sessionCookie", "documentMediaType", "logoutPage",
        "logoutSession", "filterMatch", "filterJoin", "filterScope", "emptyDirection", "pauseScope", "unchangedPauseReach", "detailsPaused", "errorBody",
        "listWithoutCallList", "maskScope", "endedCoupleDetails", "maskSide", "anonymousSession", "badMethodOrder", "redirectStatus",
        "unknownPathOrder",
    ];

    /// <summary>The default cap on live sessions: far above what a test run needs, far below what exhausts memory.</summary>
    public const int DefaultMaxActiveSessions = 10_000;

    /// <summary>
    /// The highest cap a profile may set: about 60 MB of sessions. Above it the cap no longer bounds memory in any useful
    /// sense, and every dashboard event walks the live sessions.
    /// </summary>
    public const int MaxActiveSessionsLimit = 100_000;

    public string Name { get; init; } = DefaultName;

    /// <summary>PSE-2: strict (400 on a missing or non-boolean <c>paused</c>), jaxrs-lenient, or spring (strict, with on/off, yes/no and 1/0 too).</summary>
    public PausedParameterReading PausedParameter { get; init; } = PausedParameterReading.Strict;

    /// <summary>PSE-3: where <c>paused</c> is read (the form body, the query string, or both).</summary>
    public PausedLocation PausedLocation { get; init; } = PausedLocation.FormAndQuery;

    /// <summary>PSE-2: which of several <c>paused</c> values counts, or a 400 when they differ (or, under refused-any, always).</summary>
    public RepeatedPaused RepeatedPaused { get; init; } = RepeatedPaused.Refused;

    /// <summary>LST-6: the status for a direction other than CALLING, CALLED or BOTH.</summary>
    public int InvalidDirectionStatus { get; init; } = 404;

    /// <summary>SES-6: a session without a request for this long is logged out.</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>LST-6: whether a direction is validated when its filter value is absent.</summary>
    public DirectionWithoutValue DirectionWithoutValue { get; init; } = DirectionWithoutValue.Checked;

    /// <summary>LST-5: whether a user's list holds the couples outside the user's phone masks (without a self link) or leaves them out.</summary>
    public UnseenCouples UnseenCouples { get; init; } = UnseenCouples.Listed;

    /// <summary>DET-3, PSE-4: which refusal a details or pausedState request gets when several apply.</summary>
    public RefusalOrder RefusalOrder { get; init; } = RefusalOrder.CallListFirst;

    /// <summary>LST-6: where among the list's access checks an invalid direction is refused.</summary>
    public BadParameterOrder BadDirectionOrder { get; init; } = BadParameterOrder.AfterAccess;

    /// <summary>
    /// PSE-2: where among pausedState's access checks a bad <c>paused</c> is refused. A setting of its own: a recorder
    /// whose framework converts the list's direction before the login may well read <c>paused</c> in its own code after it.
    /// </summary>
    public BadParameterOrder BadPausedOrder { get; init; } = BadParameterOrder.AfterAccess;

    /// <summary>SES-1: whether login also reads its fields from the query string.</summary>
    public LoginParameters LoginParameters { get; init; } = LoginParameters.Form;

    /// <summary>PSE-4: the status of a GET on pausedState.</summary>
    public int PausedStateGetStatus { get; init; } = 405;

    /// <summary>
    /// PSE-3: the status of a pause of a paused couple or a resume of a recording one, which changes nothing: 204 (it
    /// succeeds), or a refusal such as 409 Conflict, or 400 ("already paused", as a service that throws on it may map
    /// it). Never 403, 404, 405, 408, 410 or 429, which mean no access, no such couple, a wrong method, a slow request, an
    /// ended couple and too many requests, nor 401, 407 or 426, which ask for credentials or an upgrade.
    /// </summary>
    public int UnchangedPauseStatus { get; init; } = 204;

    /// <summary>
    /// PSE-3: the status of a pause or resume that changes the couple: 204 No Content, 200 as a JAX-RS resource that
    /// returns <c>Response.ok()</c> answers it, or 202 Accepted as one that hands the change to the recording engine (with
    /// no body either way).
    /// </summary>
    public int PauseStatus { get; init; } = 204;

    /// <summary>
    /// DET-3, PSE-4: the status of a couple that has ended (while the recorder still knows it): 404 as an unknown one, 410
    /// Gone, or 204 No Content as a JAX-RS resource method that returns null for it answers (no body; a pause so answered
    /// looks taken).
    /// </summary>
    public int EndedCoupleStatus { get; init; } = 404;

    /// <summary>
    /// DET-3, PSE-4: the status of a couple the recorder does not know (never in progress, or ended and forgotten): 404, 410
    /// Gone as a resource that answers every couple not in progress so, or 204 No Content as a JAX-RS resource method that
    /// returns null for it answers.
    /// </summary>
    public int UnknownCoupleStatus { get; init; } = 404;

    /// <summary>
    /// DET-3, PSE-4: the status of the details or pausedState of a couple in progress outside the user's phone masks:
    /// 403 as a refusal, or 404 as a couple the user cannot see at all (as a lookup filtered by the masks finds none).
    /// </summary>
    public int OutsideAccessStatus { get; init; } = 403;

    /// <summary>
    /// DET-3: the status of the details a logged-in user without Call List gets: 403 as a refusal, or 404 as a couple
    /// that user cannot see at all (a recorder that looks the couple up among those its user may see). The pausedState
    /// answers such a user as the details do, or 403 whatever they answer (<see cref="OutsidePauseStatus"/>; PSE-4: a
    /// pause outside the user's access).
    /// </summary>
    public int WithoutCallListStatus { get; init; } = 403;

    /// <summary>
    /// PSE-4: the status of a pause of a couple in progress the details refuse or hide, outside the user's phone masks or
    /// to a user without Call List: as the details answer it (<see cref="OutsideAccessStatus"/>,
    /// <see cref="WithoutCallListStatus"/>), or 403 whatever they answer, as a recorder that hides the details by a lookup
    /// filtered by the user's access and refuses a pause by its own check of it.
    /// </summary>
    public OutsidePause OutsidePauseStatus { get; init; } = OutsidePause.AsDetails;

    /// <summary>GEN-1: the status of a path under /callrec that the API does not have.</summary>
    public int UnknownPathStatus { get; init; } = 404;

    /// <summary>GEN-2: the status of a known path with a method it does not take (but GET on pausedState).</summary>
    public int MethodNotAllowedStatus { get; init; } = 405;

    /// <summary>GEN-2, PSE-4: whether a method the list, the details or pausedState does not take is refused before the login check or after it.</summary>
    public BadMethodOrder BadMethodOrder { get; init; } = BadMethodOrder.BeforeLogin;

    /// <summary>GEN-1: whether an unknown path of the API is refused before the login check or after it.</summary>
    public UnknownPathOrder UnknownPathOrder { get; init; } = UnknownPathOrder.BeforeLogin;

    /// <summary>GEN-1: whether a path of the API spelled in another case is an unknown path or served.</summary>
    public PathCase PathCase { get; init; } = PathCase.Exact;

    /// <summary>GEN-2: whether a HEAD of the list or the details is answered as its GET or as a method the path does not take.</summary>
    public HeadMethod HeadMethod { get; init; } = HeadMethod.AsGet;

    /// <summary>LST-6: how a list filter's value matches a number or an address: exactly, its start, or any part.</summary>
    public FilterMatch FilterMatch { get; init; } = FilterMatch.Exact;

    /// <summary>LST-4: whether a couple must match both list filters, or either.</summary>
    public FilterJoin FilterJoin { get; init; } = FilterJoin.And;

    /// <summary>
    /// LST-4: what a filtered list holds: the couples the filters match, or every couple in progress of their calls (LST-4
    /// says a filter finds a call), as a recorder that looks the calls up and lists their legs does.
    /// </summary>
    public FilterScope FilterScope { get; init; } = FilterScope.Couple;

    /// <summary>PSE-3: whether a POST or PUT to pausedState whose body is not a form is read as with an empty form, or refused 415.</summary>
    public FormlessPost FormlessPost { get; init; } = FormlessPost.Read;

    /// <summary>SES-3: whether every login and logout page is the same byte for byte, or carries a fresh token.</summary>
    public LoginPage LoginPage { get; init; } = LoginPage.Fixed;

    /// <summary>SES-3: under loginPage=redirect, the status of the redirect every login (and logout answered as one) gets: 302, 303 or 307.</summary>
    public int RedirectStatus { get; init; } = 302;

    /// <summary>SES-5: whether a logout is answered with the login page, or with a page of its own.</summary>
    public LogoutPage LogoutPage { get; init; } = LogoutPage.Login;

    /// <summary>SES-4/SES-5: whether a logout answer sets a new session id, or none at all (under logoutSession=logged-out, a logout naming no known session; under logged-out-new-id, every logout).</summary>
    public LogoutSessionId LogoutSessionId { get; init; } = LogoutSessionId.Fresh;

    /// <summary>SES-5 (inferred): whether a logout invalidates the session it names, or ends only its login and keeps the id.</summary>
    public LogoutSession LogoutSession { get; init; } = LogoutSession.Ended;

    /// <summary>LST-6: whether a direction is read only as the upper-case words, or in any case with an empty value as absent.</summary>
    public DirectionCase DirectionCase { get; init; } = DirectionCase.Exact;

    /// <summary>LST-6: whether an empty direction is invalid or read as absent (BOTH).</summary>
    public EmptyDirection EmptyDirection { get; init; } = EmptyDirection.Invalid;

    /// <summary>SES-4: whether the session cookie is marked HttpOnly (Tomcat 7 and later) or not (Tomcat 6).</summary>
    public SessionCookieKind SessionCookie { get; init; } = SessionCookieKind.HttpOnly;

    /// <summary>LST-1, DET-1: the media type of the list and details documents.</summary>
    public DocumentMediaType DocumentMediaType { get; init; } = DocumentMediaType.ApplicationXml;

    /// <summary>PSE-1: whether a pause or resume reaches the couple named, or every couple in progress of its call.</summary>
    public PauseScope PauseScope { get; init; } = PauseScope.Couple;

    /// <summary>PSE-1, PSE-3: under pauseScope=call, which other legs a pause or resume reaches that changes nothing on the couple it names.</summary>
    public UnchangedPauseReach UnchangedPauseReach { get; init; } = UnchangedPauseReach.Success;

    /// <summary>DET-3: whether the details show <c>&lt;paused&gt;</c> to every user who may see them, or only with the pausedState link.</summary>
    public DetailsPaused DetailsPaused { get; init; } = DetailsPaused.Always;

    /// <summary>PSE-2, and every other refusal: a line of plain text naming the rule, or no body at all.</summary>
    public ErrorBody ErrorBody { get; init; } = ErrorBody.Message;

    /// <summary>LST-7: whether a logged-in user without Call List is refused the list (403) or given an empty one (200).</summary>
    public ListWithoutCallList ListWithoutCallList { get; init; } = ListWithoutCallList.Refused;

    /// <summary>LST-5, DET-3, PSE-4: whether phone masks are matched against each couple's numbers, or its whole call's.</summary>
    public MaskScope MaskScope { get; init; } = MaskScope.Couple;

    /// <summary>LST-5, DET-3, PSE-4: which of a couple's numbers phone masks are matched against.</summary>
    public MaskSide MaskSide { get; init; } = MaskSide.Either;

    /// <summary>DET-3: whether the details of a couple that has ended are answered with endedCoupleStatus, or served as while it was in progress.</summary>
    public EndedCoupleDetails EndedCoupleDetails { get; init; } = EndedCoupleDetails.Status;

    /// <summary>SES-4: whether an answer to a request that names no live session (a login's and a logout's aside) opens one.</summary>
    public AnonymousSession AnonymousSession { get; init; } = AnonymousSession.None;

    /// <summary>The <see cref="LinkOrigin"/> that builds links from the scheme, host and port the client used.</summary>
    public const string RequestLinkOrigin = "request";

    /// <summary>The <see cref="LinkOrigin"/> that writes links as paths from the server's root, with no scheme or host.</summary>
    public const string RelativeLinkOrigin = "relative";

    /// <summary>
    /// LST-5, DET-2: where the documents' links start: <c>request</c>, the scheme, host and port the client used; a fixed
    /// <c>scheme://host[:port]</c>, as a recorder configured with its own name (behind a proxy) writes them; or
    /// <c>relative</c>, a path from the root (<c>/callrec/restful/couples.xml/24197</c>), as a document written without the
    /// request's URI writes them.
    /// </summary>
    public string LinkOrigin { get; init; } = RequestLinkOrigin;

    /// <summary>SES-4: a clustered Tomcat's node name, appended to every session id as <c>.jvmRoute</c>; empty: none.</summary>
    public string JvmRoute { get; init; } = string.Empty;

    /// <summary>SES-4/SES-5: a fresh id on every login and logout answer, or a known session kept.</summary>
    public LoginSessionId LoginSessionId { get; init; } = LoginSessionId.Fresh;

    /// <summary>SES-4: whether a login that does not work logs out the session its request named.</summary>
    public FailedLoginSession FailedLoginSession { get; init; } = FailedLoginSession.LoggedOut;

    /// <summary>SES-4: whether a login that works, answered with a new id, leaves the session its request named logged in.</summary>
    public SuccessfulLoginSession SuccessfulLoginSession { get; init; } = SuccessfulLoginSession.Replaced;

    /// <summary>
    /// SES-4: the cap on live sessions (Tomcat's maxActiveSessions). At the cap a new session ends the least recently
    /// used one rather than refusing the login, so a login that works still works and memory stays bounded.
    /// </summary>
    public int MaxActiveSessions { get; init; } = DefaultMaxActiveSessions;

    /// <summary>SES-4: whether a login that works ends the user's other logged-in sessions.</summary>
    public SessionsPerUser SessionsPerUser { get; init; } = SessionsPerUser.Many;
}
