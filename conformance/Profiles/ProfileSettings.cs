using System.Globalization;
using System.Text.RegularExpressions;

namespace PauseResume.Conformance.Profiles;

/// <summary>
/// The kit's own list of behaviour-profile settings (the same names and file format as the simulator's profile, but
/// read and modelled here, so a wrong default there cannot become the kit's expectation by construction).
/// </summary>
internal static partial class ProfileSettings
{
    public const string PausedParameter = "pausedParameter";
    public const string PausedLocation = "pausedLocation";
    public const string RepeatedPaused = "repeatedPaused";
    public const string InvalidDirectionStatus = "invalidDirectionStatus";
    public const string DirectionWithoutValue = "directionWithoutValue";
    public const string RefusalOrder = "refusalOrder";
    public const string BadDirectionOrder = "badDirectionOrder";
    public const string BadPausedOrder = "badPausedOrder";

    /// <summary>The one setting <see cref="BadDirectionOrder"/> and <see cref="BadPausedOrder"/> were before they were told apart: still read, as both.</summary>
    public const string BadParameterOrder = "badParameterOrder";
    public const string SessionIdleTimeout = "sessionIdleTimeout";
    public const string LoginParameters = "loginParameters";
    public const string PausedStateGetStatus = "pausedStateGetStatus";
    public const string UnchangedPauseStatus = "unchangedPauseStatus";
    public const string PauseStatus = "pauseStatus";
    public const string EndedCoupleStatus = "endedCoupleStatus";
    public const string UnknownCoupleStatus = "unknownCoupleStatus";
    public const string OutsideAccessStatus = "outsideAccessStatus";
    public const string WithoutCallListStatus = "withoutCallListStatus";
    public const string OutsidePauseStatus = "outsidePauseStatus";
    public const string UnknownPathStatus = "unknownPathStatus";
    public const string MethodNotAllowedStatus = "methodNotAllowedStatus";
    public const string UnseenCouples = "unseenCouples";
    public const string LinkOrigin = "linkOrigin";
    public const string JvmRoute = "jvmRoute";
    public const string LoginSessionId = "loginSessionId";
    public const string FailedLoginSession = "failedLoginSession";
    public const string SuccessfulLoginSession = "successfulLoginSession";
    public const string MaxActiveSessions = "maxActiveSessions";
    public const string SessionsPerUser = "sessionsPerUser";
    public const string PathCase = "pathCase";
    public const string HeadMethod = "headMethod";
    public const string FormlessPost = "formlessPost";
    public const string LoginPage = "loginPage";
    public const string LogoutSessionId = "logoutSessionId";
    public const string LogoutSession = "logoutSession";
    public const string DirectionCase = "directionCase";
    public const string SessionCookie = "sessionCookie";
    public const string DocumentMediaType = "documentMediaType";
    public const string LogoutPage = "logoutPage";
    public const string FilterMatch = "filterMatch";
    public const string FilterJoin = "filterJoin";
    public const string FilterScope = "filterScope";
    public const string EmptyDirection = "emptyDirection";
    public const string PauseScope = "pauseScope";
    public const string UnchangedPauseReach = "unchangedPauseReach";
    public const string DetailsPaused = "detailsPaused";
    public const string ErrorBody = "errorBody";
    public const string ListWithoutCallList = "listWithoutCallList";
    public const string MaskScope = "maskScope";
    public const string MaskSide = "maskSide";

    public const string EndedCoupleDetails = "endedCoupleDetails";
    public const string AnonymousSession = "anonymousSession";
    public const string BadMethodOrder = "badMethodOrder";
    public const string RedirectStatus = "redirectStatus";
    public const string UnknownPathOrder = "unknownPathOrder";

    public static IReadOnlyList<ProfileSetting> All { get; } =
    [
        Choice(PausedParameter, "PSE-2", "strict", "jaxrs-lenient", "spring"),
        Choice(PausedLocation, "PSE-3", "form-and-query", "form", "query", "post-form-and-query"),
        Choice(RepeatedPaused, "PSE-2", "refused", "first", "last", "refused-any", "joined"),
        Status(InvalidDirectionStatus, "LST-6", "404"),
        Choice(DirectionWithoutValue, "LST-6", "checked", "ignored"),
        // Measured by the probe, never guessed: a reading of directions in any case fits many a failure caused elsewhere
        // (a session the model got wrong, say), and a run that guessed it then expected a list where the server refused it.
        Choice(DirectionCase, "LST-6", "exact", "any") with { Guessed = false },
        Choice(EmptyDirection, "LST-6", "invalid", "none") with { Guessed = false },
        Choice(UnseenCouples, "LST-5", "listed", "omitted"),
        Choice(RefusalOrder, "DET-3, PSE-4", "call-list-first", "couple-first", "rights-first", "masks-first", "rights-and-masks-first"),
        Choice(BadDirectionOrder, "LST-6", "after-access", "after-login", "before-login"),
        Choice(BadPausedOrder, "PSE-2", "after-access", "after-login", "before-login", "before-couple"),
        new(SessionIdleTimeout, "SES-6", "00:30:00", "minutes (5) or a time span (00:05:00), at least one second", Timeout, []),
        Choice(LoginParameters, "SES-1", "form", "form-and-query"),
        // A servlet filter that checks the session before the resource is matched refuses a method the path does not take
        // as not logged in (403) where the request names no logged-in session; JAX-RS matching the method first, with its
        // status. Measured and checked on the list's PATCH (a GET of pausedState without a session may be refused 403
        // either way: a sub-resource locator may check the session). Before the statuses: a diagnosis tries settings in
        // this order, and a 403 without a session is first the order of the checks, not a 403 status the probe saw otherwise.
        Choice(BadMethodOrder, "GEN-2", "before-login", "after-login"),
        // The same for an unknown path of the API (under /callrec/restful/): a filter that guards the API's paths refuses
        // one as not logged in without a session, and gives unknownPathStatus in one.
        Choice(UnknownPathOrder, "GEN-1", "before-login", "after-login"),
        Status(PausedStateGetStatus, "PSE-4", "405"),
        Status(UnknownPathStatus, "GEN-1", "404"),
        Status(MethodNotAllowedStatus, "GEN-2", "405"),
        new(EndedCoupleStatus, "DET-3, PSE-4", "404", "404, 410 or 204", v => v is "404" or "410" or "204" ? v : null, [], StatusValued: true) { NeedsAnEndedCall = true },
        new(UnknownCoupleStatus, "DET-3, PSE-4", "404", "404, 410 or 204", v => v is "404" or "410" or "204" ? v : null, [], StatusValued: true),
        new(OutsideAccessStatus, "DET-3, PSE-4", "403", "403 or 404", v => v is "403" or "404" ? v : null, [], StatusValued: true),
        Choice(OutsidePauseStatus, "PSE-4", "as-details", "403"),
        new(WithoutCallListStatus, "DET-3, PSE-4", "403", "403 or 404", v => v is "403" or "404" ? v : null, [], StatusValued: true),
        // 400 is measured by the probe, never guessed: a strict recorder answers 400 to a bad paused, or to one where it
        // does not look, so as a guess it would explain such a refusal away.
        new(PauseStatus, "PSE-3", "204", "204, 200 or 202", v => v is "204" or "200" or "202" ? v : null, [], StatusValued: true),
        new(UnchangedPauseStatus, "PSE-3", "204", "204, 200, 202, or a 4xx status other than 401, 403, 404, 405, 407, 408, 410, 426 and 429", v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && (s is 200 or 202 or 204 || (s is >= 400 and <= 499 and not (401 or 403 or 404 or 405 or 407 or 408 or 410 or 426 or 429))) ? s.ToString(CultureInfo.InvariantCulture) : null, [], StatusValued: true) { MeasuredOnly = ["400"] },
        new(LinkOrigin, "LST-5, DET-2", "request", "request, relative, or an origin such as http://myserver:8080", Origin, []),
        new(JvmRoute, "SES-4", string.Empty, "empty, or up to 32 of A-Z a-z 0-9 _ -", v => v.Length == 0 || Route().IsMatch(v) ? v : null, []),
        // Whether a logout invalidates the session it names or ends its login only (the id stays known, the answer sets no
        // cookie for it). First of the session settings, as a diagnosis tries settings in this order: a logout of a logged-in
        // session without a cookie is this one's where a logout naming no session sets one; where the run sent no such
        // logout, logoutSessionId=none fits as well and is named beside it (the probe tells them apart).
        Choice(LogoutSession, "SES-5", "ended", "logged-out", "logged-out-new-id"),
        Choice(LogoutSessionId, "SES-4, SES-5", "fresh", "none"),
        Choice(LoginSessionId, "SES-4, SES-5", "fresh", "kept", "on-success"),
        Choice(SessionCookie, "SES-4", "http-only", "plain"),
        Choice(FailedLoginSession, "SES-4", "logged-out", "unchanged"),
        Choice(SuccessfulLoginSession, "SES-4", "replaced", "unchanged"),
        // A servlet application that asks for a session on every request (a JSP with sessions on, a security filter) sets a
        // fresh JSESSIONID on every answer to a request that names none (any-request), or a security filter that saves a refused
        // request for after the login on its refusals alone (refusals): a client's cookie store then holds one before login.
        Choice(AnonymousSession, "SES-4", "none", "any-request", "refusals"),
        new(MaxActiveSessions, "SES-4", "10000", "a whole number of at least 1", v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n.ToString(CultureInfo.InvariantCulture) : null, [], Modelled: false),
        Choice(SessionsPerUser, "SES-4", "many", "one", "first-wins"),
        Choice(PathCase, "GEN-1", "exact", "any"),
        Choice(DocumentMediaType, "LST-1, DET-1", "application/xml", "text/xml"),
        Choice(HeadMethod, "GEN-2", "as-get", "not-allowed"),
        Choice(FormlessPost, "PSE-3", "read", "refused"),
        Choice(LoginPage, "SES-3", "fixed", "token", "redirect"),
        // Under loginPage=redirect; the kit takes any redirect for one (a client must not follow it), so only the probe and
        // a comparison tell them apart.
        new(RedirectStatus, "SES-3", "302", "302, 303 or 307", v => v is "302" or "303" or "307" ? v : null, [], Modelled: false, StatusValued: true),
        // Measured by the probe, never guessed: a logout's own page or redirect fits as well a path that is no logout at
        // all (a redirect that ends no session), and a run that guessed it then expected every session after it ended.
        Choice(LogoutPage, "SES-5", "login", "own") with { Guessed = false },
        Choice(FilterMatch, "LST-6", "exact", "prefix", "part"),
        Choice(FilterJoin, "LST-4", "and", "or"),
        Choice(FilterScope, "LST-4", "couple", "call"),
        Choice(PauseScope, "PSE-1", "couple", "call"),
        // Under pauseScope=call only: whether a pause that changes nothing on the couple it names reaches the legs of its
        // call in the other state (a leg that joined since). Only a target that starts calls shows it (a control API).
        Choice(UnchangedPauseReach, "PSE-1, PSE-3", "success", "call", "named"),
        Choice(DetailsPaused, "DET-3", "always", "with-link"),
        // Measured by the probe, and tried by a run only as a last resort: each explains few checks (a refusal's body; the
        // list of an account without Call List; access to the legs of a call), and a diagnosis that tried them on every
        // failure would spend the replays (MaxPairs) that find the settings that explain the rest.
        Choice(ErrorBody, "PSE-2, PSE-3", "message", "empty") with { Guessed = false, LastResort = true },
        Choice(ListWithoutCallList, "LST-7", "refused", "empty") with { Guessed = false, LastResort = true },
        // The masks decide who may see the details and pause too (DET-3, PSE-4): a report of those names it as well.
        Choice(MaskScope, "LST-5, DET-3, PSE-4", "couple", "call") with { Guessed = false, LastResort = true },
        Choice(MaskSide, "LST-5, DET-3, PSE-4", "either", "calling", "called") with { Guessed = false, LastResort = true },
        // Only a simulator's is probed (a real recorder's calls are not the kit's to end), so a run guesses it: details that a
        // couple whose end the kit saw still has (a recorder that reads its calls from a database), and a masked user's
        // list that leaves out a couple outside the masks its details refuse (LST-5): ended, under served, or omitted.
        Choice(EndedCoupleDetails, "DET-3, LST-5", "status", "served") with { NeedsAnEndedCall = true },
    ];

    public static ProfileSetting? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    private static ProfileSetting Choice(string name, string rules, params string[] values) =>
        new(name, rules, values[0], string.Join(", ", values), v => values.FirstOrDefault(x => string.Equals(x, v, StringComparison.OrdinalIgnoreCase)), values);

    private static ProfileSetting Status(string name, string rules, string @default) =>
        new(name, rules, @default, "a 4xx status other than 401, 407 and 426", v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is >= 400 and <= 499 and not (401 or 407 or 426) ? s.ToString(CultureInfo.InvariantCulture) : null, [], StatusValued: true);

    private static string? Timeout(string value)
    {
        TimeSpan? span = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes)
            ? minutes is >= 1.0 / 60 and <= 60 * 24 * 366 ? TimeSpan.FromMinutes(minutes) : null
            : TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed) && parsed >= TimeSpan.FromSeconds(1) ? parsed : null;
        return span?.ToString("c", CultureInfo.InvariantCulture);
    }

    /// <summary><c>request</c>, <c>relative</c>, or <c>scheme://host[:port]</c> of an absolute http(s) URL without a path, in lower case.</summary>
    public static string? Origin(string value) =>
        string.Equals(value, "request", StringComparison.OrdinalIgnoreCase) ? "request"
        : string.Equals(value, "relative", StringComparison.OrdinalIgnoreCase) ? "relative"
        : Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && uri.Query.Length == 0
            && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0 && !value.TrimEnd('/').EndsWith('?') && HostAsWritten(value, uri) ? uri.GetLeftPart(UriPartial.Authority)
        : null;

    /// <summary>
    /// A host in plain ASCII that a URI parser keeps as written (case aside): not <c>1.2.3</c>, which becomes 1.2.0.3, nor a
    /// name with invisible or non-ASCII characters; and a port other than 0.
    /// </summary>
    internal static bool HostAsWritten(string value, Uri uri) =>
        System.Text.Ascii.IsValid(value) && !value.Any(char.IsControl) && uri.Port != 0
        && (uri.HostNameType == UriHostNameType.IPv6 || value.Contains(uri.Host, StringComparison.OrdinalIgnoreCase))
        && !(uri.HostNameType == UriHostNameType.Dns && uri.Host.All(c => char.IsAsciiDigit(c) || c == '.'));

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex Route();
}
