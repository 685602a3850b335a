using System.Globalization;
using System.Text.RegularExpressions;

namespace PauseResume.Simulator.Domain;

/// <summary>The profile by its settings' names and values, as the command line, world files and the control API give and show them.</summary>
public sealed partial record RecorderProfile
{
    private static readonly SettingChoices<PausedParameterReading> PausedParameterReadings =
        new(("strict", PausedParameterReading.Strict), (JaxRsLenientName, PausedParameterReading.JaxRsLenient), ("spring", PausedParameterReading.Spring));

    private static readonly SettingChoices<PausedLocation> PausedLocations =
        new(("form-and-query", PausedLocation.FormAndQuery), ("form", PausedLocation.Form), ("query", PausedLocation.Query), ("post-form-and-query", PausedLocation.PostFormAndQuery));

    private static readonly SettingChoices<RepeatedPaused> RepeatedPausedReadings =
        new(("refused", RepeatedPaused.Refused), ("first", RepeatedPaused.First), ("last", RepeatedPaused.Last), ("refused-any", RepeatedPaused.RefusedAny), ("joined", RepeatedPaused.Joined));

    private static readonly SettingChoices<SessionsPerUser> SessionsPerUserChoices = new(("many", SessionsPerUser.Many), ("one", SessionsPerUser.One), ("first-wins", SessionsPerUser.FirstWins));

    private static readonly SettingChoices<DirectionWithoutValue> DirectionWithoutValues =
        new(("checked", DirectionWithoutValue.Checked), ("ignored", DirectionWithoutValue.Ignored));

    private static readonly SettingChoices<UnseenCouples> UnseenCouplesChoices = new(("listed", UnseenCouples.Listed), ("omitted", UnseenCouples.Omitted));

    private static readonly SettingChoices<RefusalOrder> RefusalOrders =
        new(("call-list-first", RefusalOrder.CallListFirst), ("couple-first", RefusalOrder.CoupleFirst), ("rights-first", RefusalOrder.RightsFirst), ("masks-first", RefusalOrder.MasksFirst),
            ("rights-and-masks-first", RefusalOrder.RightsAndMasksFirst));

    private static readonly SettingChoices<BadParameterOrder> BadParameterOrders =
        new(("after-access", BadParameterOrder.AfterAccess), ("after-login", BadParameterOrder.AfterLogin), ("before-login", BadParameterOrder.BeforeLogin));

    // The list has no couple to look up, so "before the couple" places nothing there: pausedState alone takes it.
    private static readonly SettingChoices<BadParameterOrder> BadPausedOrders =
        new(("after-access", BadParameterOrder.AfterAccess), ("after-login", BadParameterOrder.AfterLogin), ("before-login", BadParameterOrder.BeforeLogin), ("before-couple", BadParameterOrder.BeforeCouple));

    private static readonly SettingChoices<PathCase> PathCases = new(("exact", PathCase.Exact), ("any", PathCase.Any));

    private static readonly SettingChoices<FilterMatch> FilterMatches = new(("exact", FilterMatch.Exact), ("prefix", FilterMatch.Prefix), ("part", FilterMatch.Part));

    private static readonly SettingChoices<FilterJoin> FilterJoins = new(("and", FilterJoin.And), ("or", FilterJoin.Or));

    private static readonly SettingChoices<FilterScope> FilterScopes = new(("couple", FilterScope.Couple), ("call", FilterScope.Call));

    private static readonly SettingChoices<BadMethodOrder> BadMethodOrders = new(("before-login", BadMethodOrder.BeforeLogin), ("after-login", BadMethodOrder.AfterLogin));
    private static readonly SettingChoices<UnknownPathOrder> UnknownPathOrders = new(("before-login", UnknownPathOrder.BeforeLogin), ("after-login", UnknownPathOrder.AfterLogin));

    private static readonly SettingChoices<HeadMethod> HeadMethods = new(("as-get", HeadMethod.AsGet), ("not-allowed", HeadMethod.NotAllowed));

    private static readonly SettingChoices<FormlessPost> FormlessPosts = new(("read", FormlessPost.Read), ("refused", FormlessPost.Refused));

    private static readonly SettingChoices<LoginPage> LoginPages = new(("fixed", LoginPage.Fixed), ("token", LoginPage.Token), ("redirect", LoginPage.Redirect));

    private static readonly SettingChoices<SessionCookieKind> SessionCookieKinds = new(("http-only", SessionCookieKind.HttpOnly), ("plain", SessionCookieKind.Plain));

    private static readonly SettingChoices<DocumentMediaType> DocumentMediaTypes = new(("application/xml", DocumentMediaType.ApplicationXml), ("text/xml", DocumentMediaType.TextXml));

    private static readonly SettingChoices<DirectionCase> DirectionCases = new(("exact", DirectionCase.Exact), ("any", DirectionCase.Any));

    private static readonly SettingChoices<EmptyDirection> EmptyDirections = new(("invalid", EmptyDirection.Invalid), ("none", EmptyDirection.None));

    private static readonly SettingChoices<LogoutPage> LogoutPages = new(("login", LogoutPage.Login), ("own", LogoutPage.Own));

    private static readonly SettingChoices<LogoutSessionId> LogoutSessionIds = new(("fresh", LogoutSessionId.Fresh), ("none", LogoutSessionId.None));
    private static readonly SettingChoices<LogoutSession> LogoutSessions = new(("ended", LogoutSession.Ended), ("logged-out", LogoutSession.LoggedOut), ("logged-out-new-id", LogoutSession.LoggedOutNewId));

    private static readonly SettingChoices<PauseScope> PauseScopes = new(("couple", PauseScope.Couple), ("call", PauseScope.Call));

    private static readonly SettingChoices<UnchangedPauseReach> UnchangedPauseReaches = new(("success", UnchangedPauseReach.Success), ("call", UnchangedPauseReach.Call), ("named", UnchangedPauseReach.Named));

    private static readonly SettingChoices<OutsidePause> OutsidePauses = new(("as-details", OutsidePause.AsDetails), ("403", OutsidePause.Refused));

    private static readonly SettingChoices<DetailsPaused> DetailsPausedChoices = new(("always", DetailsPaused.Always), ("with-link", DetailsPaused.WithLink));

    private static readonly SettingChoices<ErrorBody> ErrorBodies = new(("message", ErrorBody.Message), ("empty", ErrorBody.Empty));

    private static readonly SettingChoices<ListWithoutCallList> ListsWithoutCallList = new(("refused", ListWithoutCallList.Refused), ("empty", ListWithoutCallList.Empty));

    private static readonly SettingChoices<MaskScope> MaskScopes = new(("couple", MaskScope.Couple), ("call", MaskScope.Call));
    private static readonly SettingChoices<MaskSide> MaskSides = new(("either", MaskSide.Either), ("calling", MaskSide.Calling), ("called", MaskSide.Called));

    private static readonly SettingChoices<EndedCoupleDetails> EndedCoupleDetailsChoices = new(("status", EndedCoupleDetails.Status), ("served", EndedCoupleDetails.Served));
    private static readonly SettingChoices<AnonymousSession> AnonymousSessions = new(("none", AnonymousSession.None), ("any-request", AnonymousSession.AnyRequest), ("refusals", AnonymousSession.Refusals));

    private static readonly SettingChoices<LoginParameters> LoginParameterSources =
        new(("form", LoginParameters.Form), ("form-and-query", LoginParameters.FormAndQuery));

    /// <summary>badParameterOrder, which badDirectionOrder and badPausedOrder replaced: still read, as both.</summary>
    internal static bool IsReplacedSetting(string setting) => string.Equals(setting, "badParameterOrder", StringComparison.OrdinalIgnoreCase);

    public static bool TryNamed(string name, out RecorderProfile profile)
    {
        profile = BuiltIn.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return profile is not null;
    }

    /// <summary>
    /// Returns this profile with one setting changed, or an error that says what is accepted (a name or a value quoted in it
    /// with its control characters escaped, so one mistake is one line).
    /// </summary>
    public ProfileChange With(string setting, string value)
    {
        var change = Change(setting, value);
        return change.Error is { } error ? new(null, Http.ClientText.Escaped(error)) : change;
    }

    /// <summary>
    /// A name or a word in any case of ASCII letters only: upper-cased as the invariant culture does, <c>ſ</c> (long s)
    /// would be an <c>S</c> and the Kelvin sign a <c>K</c>, so a setting given twice, once so spelt, would slip past the
    /// check that a profile gives each setting once.
    /// </summary>
    internal static string Key(string name) => System.Text.Ascii.IsValid(name) ? name.ToUpperInvariant() : name;

    private ProfileChange Change(string setting, string value) => Key(setting) switch
    {
        "PAUSEDPARAMETER" => Choice("pausedParameter", value, "PSE-2", PausedParameterReadings, reading => this with { PausedParameter = reading }),
        "PAUSEDLOCATION" => Choice("pausedLocation", value, "PSE-3", PausedLocations, location => this with { PausedLocation = location }),
        "REPEATEDPAUSED" => Choice("repeatedPaused", value, "PSE-2", RepeatedPausedReadings, reading => this with { RepeatedPaused = reading }),
        "INVALIDDIRECTIONSTATUS" => Status("invalidDirectionStatus", value, "LST-6", status => this with { InvalidDirectionStatus = status }),
        "SESSIONIDLETIMEOUT" => ParseTimeout(value) is { } timeout
            ? new(this with { SessionIdleTimeout = timeout }, null)
            : new(null, $"sessionIdleTimeout must be minutes or a time span like 00:30:00, from 00:00:01 to 30 days, not '{value}' (SES-6)"),
        "DIRECTIONWITHOUTVALUE" => Choice("directionWithoutValue", value, "LST-6", DirectionWithoutValues, choice => this with { DirectionWithoutValue = choice }),
        "UNSEENCOUPLES" => Choice("unseenCouples", value, "LST-5", UnseenCouplesChoices, choice => this with { UnseenCouples = choice }),
        "REFUSALORDER" => Choice("refusalOrder", value, "DET-3, PSE-4", RefusalOrders, choice => this with { RefusalOrder = choice }),
        "BADDIRECTIONORDER" => Choice("badDirectionOrder", value, "LST-6", BadParameterOrders, choice => this with { BadDirectionOrder = choice }),
        "BADPAUSEDORDER" => Choice("badPausedOrder", value, "PSE-2", BadPausedOrders, choice => this with { BadPausedOrder = choice }),

        // The one setting both were before they were told apart: a profile written then still reads, as both.
        "BADPARAMETERORDER" => Choice("badParameterOrder", value, "LST-6, PSE-2", BadParameterOrders, choice => this with { BadDirectionOrder = choice, BadPausedOrder = choice }),
        "LOGINPARAMETERS" => Choice("loginParameters", value, "SES-1", LoginParameterSources, choice => this with { LoginParameters = choice }),
        "PAUSEDSTATEGETSTATUS" => Status("pausedStateGetStatus", value, "PSE-4", status => this with { PausedStateGetStatus = status }),
        "UNKNOWNPATHSTATUS" => Status("unknownPathStatus", value, "GEN-1", status => this with { UnknownPathStatus = status }),
        "METHODNOTALLOWEDSTATUS" => Status("methodNotAllowedStatus", value, "GEN-2", status => this with { MethodNotAllowedStatus = status }),
        "UNCHANGEDPAUSESTATUS" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var unchanged) && (unchanged is 200 or 202 or 204 || (unchanged is >= 400 and <= 499 and not (401 or 403 or 404 or 405 or 407 or 408 or 410 or 426 or 429)))
            ? new(this with { UnchangedPauseStatus = unchanged }, null)
            : new(null, $"unchangedPauseStatus must be 204, 200, 202 or a 4xx status other than 401, 403, 404, 405, 407, 408, 410, 426 and 429, not '{value}' (PSE-3)"),
        "PAUSESTATUS" => value is "200" or "202" or "204"
            ? new(this with { PauseStatus = int.Parse(value, CultureInfo.InvariantCulture) }, null)
            : new(null, $"pauseStatus must be 204, 200 or 202, not '{value}' (PSE-3)"),
        "ENDEDCOUPLESTATUS" => value is "404" or "410" or "204"
            ? new(this with { EndedCoupleStatus = int.Parse(value, CultureInfo.InvariantCulture) }, null)
            : new(null, $"endedCoupleStatus must be 404, 410 or 204, not '{value}' (DET-3, PSE-4)"),
        "UNKNOWNCOUPLESTATUS" => value is "404" or "410" or "204"
            ? new(this with { UnknownCoupleStatus = int.Parse(value, CultureInfo.InvariantCulture) }, null)
            : new(null, $"unknownCoupleStatus must be 404, 410 or 204, not '{value}' (DET-3, PSE-4)"),
        "OUTSIDEACCESSSTATUS" => value is "403" or "404"
            ? new(this with { OutsideAccessStatus = int.Parse(value, CultureInfo.InvariantCulture) }, null)
            : new(null, $"outsideAccessStatus must be 403 or 404, not '{value}' (DET-3, PSE-4)"),
        "OUTSIDEPAUSESTATUS" => Choice("outsidePauseStatus", value, "PSE-4", OutsidePauses, choice => this with { OutsidePauseStatus = choice }),
        "WITHOUTCALLLISTSTATUS" => value is "403" or "404"
            ? new(this with { WithoutCallListStatus = int.Parse(value, CultureInfo.InvariantCulture) }, null)
            : new(null, $"withoutCallListStatus must be 403 or 404, not '{value}' (DET-3)"),

        "LINKORIGIN" => NormalizedOrigin(value) is { } origin
            ? new(this with { LinkOrigin = origin }, null)
            : new(null, $"linkOrigin must be 'request', 'relative' or an absolute http or https origin such as http://myserver:8080 (no path), not '{value}' (LST-5)"),
        "JVMROUTE" => JvmRoutePattern().IsMatch(value)
            ? new(this with { JvmRoute = value }, null)
            : new(null, $"jvmRoute must be empty or 1 to 32 characters of A-Z, a-z, 0-9, '_' and '-', not '{value}' (SES-4)"),
        "LOGINSESSIONID" => Key(value) switch
        {
            "FRESH" => new(this with { LoginSessionId = LoginSessionId.Fresh }, null),
            "KEPT" => new(this with { LoginSessionId = LoginSessionId.Kept }, null),
            "ON-SUCCESS" => new(this with { LoginSessionId = LoginSessionId.OnSuccess }, null),
            _ => new(null, $"loginSessionId must be 'fresh', 'kept' or 'on-success', not '{value}' (SES-4)"),
        },
        "FAILEDLOGINSESSION" => Key(value) switch
        {
            "LOGGED-OUT" => new(this with { FailedLoginSession = FailedLoginSession.LoggedOut }, null),
            "UNCHANGED" => new(this with { FailedLoginSession = FailedLoginSession.Unchanged }, null),
            _ => new(null, $"failedLoginSession must be 'logged-out' or 'unchanged', not '{value}' (SES-4)"),
        },
        "SUCCESSFULLOGINSESSION" => Key(value) switch
        {
            "REPLACED" => new(this with { SuccessfulLoginSession = SuccessfulLoginSession.Replaced }, null),
            "UNCHANGED" => new(this with { SuccessfulLoginSession = SuccessfulLoginSession.Unchanged }, null),
            _ => new(null, $"successfulLoginSession must be 'replaced' or 'unchanged', not '{value}' (SES-4)"),
        },
        "MAXACTIVESESSIONS" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var cap) && cap is >= 1 and <= MaxActiveSessionsLimit
            ? new(this with { MaxActiveSessions = cap }, null)
            : new(null, $"maxActiveSessions must be a whole number from 1 to {MaxActiveSessionsLimit} (at the cap a new session ends the least recently used one), not '{value}' (SES-4)"),
        "SESSIONSPERUSER" => Choice("sessionsPerUser", value, "SES-4", SessionsPerUserChoices, choice => this with { SessionsPerUser = choice }),
        "PATHCASE" => Choice("pathCase", value, "GEN-1", PathCases, choice => this with { PathCase = choice }),
        "HEADMETHOD" => Choice("headMethod", value, "GEN-2", HeadMethods, choice => this with { HeadMethod = choice }),
        "REDIRECTSTATUS" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var redirect) && redirect is 302 or 303 or 307
            ? new(this with { RedirectStatus = redirect }, null)
            : new(null, $"redirectStatus must be 302, 303 or 307 (the redirect a login gets under loginPage=redirect), not '{value}' (SES-3)"),
        "BADMETHODORDER" => Choice("badMethodOrder", value, "GEN-2, PSE-4", BadMethodOrders, choice => this with { BadMethodOrder = choice }),
        "UNKNOWNPATHORDER" => Choice("unknownPathOrder", value, "GEN-1", UnknownPathOrders, choice => this with { UnknownPathOrder = choice }),
        "FILTERMATCH" => Choice("filterMatch", value, "LST-6", FilterMatches, choice => this with { FilterMatch = choice }),
        "FILTERJOIN" => Choice("filterJoin", value, "LST-4", FilterJoins, choice => this with { FilterJoin = choice }),
        "FILTERSCOPE" => Choice("filterScope", value, "LST-4", FilterScopes, choice => this with { FilterScope = choice }),
        "FORMLESSPOST" => Choice("formlessPost", value, "PSE-3", FormlessPosts, choice => this with { FormlessPost = choice }),
        "LOGINPAGE" => Choice("loginPage", value, "SES-3", LoginPages, choice => this with { LoginPage = choice }),
        "DOCUMENTMEDIATYPE" => Choice("documentMediaType", value, "LST-1, DET-1", DocumentMediaTypes, choice => this with { DocumentMediaType = choice }),
        "SESSIONCOOKIE" => Choice("sessionCookie", value, "SES-4", SessionCookieKinds, choice => this with { SessionCookie = choice }),
        "DIRECTIONCASE" => Choice("directionCase", value, "LST-6", DirectionCases, choice => this with { DirectionCase = choice }),
        "EMPTYDIRECTION" => Choice("emptyDirection", value, "LST-6", EmptyDirections, choice => this with { EmptyDirection = choice }),
        "LOGOUTPAGE" => Choice("logoutPage", value, "SES-5", LogoutPages, choice => this with { LogoutPage = choice }),
        "LOGOUTSESSIONID" => Choice("logoutSessionId", value, "SES-5", LogoutSessionIds, choice => this with { LogoutSessionId = choice }),
        "LOGOUTSESSION" => Choice("logoutSession", value, "SES-5", LogoutSessions, choice => this with { LogoutSession = choice }),
        "PAUSESCOPE" => Choice("pauseScope", value, "PSE-1", PauseScopes, choice => this with { PauseScope = choice }),
        "UNCHANGEDPAUSEREACH" => Choice("unchangedPauseReach", value, "PSE-1, PSE-3", UnchangedPauseReaches, choice => this with { UnchangedPauseReach = choice }),
        "DETAILSPAUSED" => Choice("detailsPaused", value, "DET-3", DetailsPausedChoices, choice => this with { DetailsPaused = choice }),
        "ERRORBODY" => Choice("errorBody", value, "PSE-2", ErrorBodies, choice => this with { ErrorBody = choice }),
        "LISTWITHOUTCALLLIST" => Choice("listWithoutCallList", value, "LST-7", ListsWithoutCallList, choice => this with { ListWithoutCallList = choice }),
        "MASKSCOPE" => Choice("maskScope", value, "LST-5", MaskScopes, choice => this with { MaskScope = choice }),
        "ENDEDCOUPLEDETAILS" => Choice("endedCoupleDetails", value, "DET-3", EndedCoupleDetailsChoices, choice => this with { EndedCoupleDetails = choice }),
        "MASKSIDE" => Choice("maskSide", value, "LST-5", MaskSides, choice => this with { MaskSide = choice }),
        "ANONYMOUSSESSION" => Choice("anonymousSession", value, "SES-4", AnonymousSessions, choice => this with { AnonymousSession = choice }),
        _ => new(null, $"unknown profile setting '{setting}'; known settings: {string.Join(", ", SettingNames)}"),
    };

    public IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["pausedParameter"] = PausedParameterReadings.NameOf(PausedParameter),
        ["pausedLocation"] = PausedLocations.NameOf(PausedLocation),
        ["repeatedPaused"] = RepeatedPausedReadings.NameOf(RepeatedPaused),
        ["invalidDirectionStatus"] = InvalidDirectionStatus.ToString(CultureInfo.InvariantCulture),
        ["sessionIdleTimeout"] = SessionIdleTimeout.ToString("c", CultureInfo.InvariantCulture),
        ["directionWithoutValue"] = DirectionWithoutValues.NameOf(DirectionWithoutValue),
        ["unseenCouples"] = UnseenCouplesChoices.NameOf(UnseenCouples),
        ["refusalOrder"] = RefusalOrders.NameOf(RefusalOrder),
        ["badDirectionOrder"] = BadParameterOrders.NameOf(BadDirectionOrder == BadParameterOrder.BeforeCouple ? BadParameterOrder.AfterAccess : BadDirectionOrder),
        ["badPausedOrder"] = BadPausedOrders.NameOf(BadPausedOrder),
        ["loginParameters"] = LoginParameterSources.NameOf(LoginParameters),
        ["pausedStateGetStatus"] = PausedStateGetStatus.ToString(CultureInfo.InvariantCulture),
        ["unknownPathStatus"] = UnknownPathStatus.ToString(CultureInfo.InvariantCulture),
        ["methodNotAllowedStatus"] = MethodNotAllowedStatus.ToString(CultureInfo.InvariantCulture),
        ["pauseStatus"] = PauseStatus.ToString(CultureInfo.InvariantCulture),
        ["unchangedPauseStatus"] = UnchangedPauseStatus.ToString(CultureInfo.InvariantCulture),
        ["endedCoupleStatus"] = EndedCoupleStatus.ToString(CultureInfo.InvariantCulture),
        ["unknownCoupleStatus"] = UnknownCoupleStatus.ToString(CultureInfo.InvariantCulture),
        ["outsideAccessStatus"] = OutsideAccessStatus.ToString(CultureInfo.InvariantCulture),
        ["outsidePauseStatus"] = OutsidePauses.NameOf(OutsidePauseStatus),
        ["withoutCallListStatus"] = WithoutCallListStatus.ToString(CultureInfo.InvariantCulture),

        ["linkOrigin"] = LinkOrigin,
        ["jvmRoute"] = JvmRoute,
        ["loginSessionId"] = LoginSessionId switch { LoginSessionId.Fresh => "fresh", LoginSessionId.Kept => "kept", _ => "on-success" },
        ["failedLoginSession"] = FailedLoginSession == FailedLoginSession.LoggedOut ? "logged-out" : "unchanged",
        ["successfulLoginSession"] = SuccessfulLoginSession == SuccessfulLoginSession.Replaced ? "replaced" : "unchanged",
        ["maxActiveSessions"] = MaxActiveSessions.ToString(CultureInfo.InvariantCulture),
        ["sessionsPerUser"] = SessionsPerUserChoices.NameOf(SessionsPerUser),
        ["pathCase"] = PathCases.NameOf(PathCase),
        ["headMethod"] = HeadMethods.NameOf(HeadMethod),
        ["filterMatch"] = FilterMatches.NameOf(FilterMatch),
        ["filterJoin"] = FilterJoins.NameOf(FilterJoin),
        ["filterScope"] = FilterScopes.NameOf(FilterScope),
        ["formlessPost"] = FormlessPosts.NameOf(FormlessPost),
        ["loginPage"] = LoginPages.NameOf(LoginPage),
        ["logoutSessionId"] = LogoutSessionIds.NameOf(LogoutSessionId),
        ["logoutSession"] = LogoutSessions.NameOf(LogoutSession),
        ["directionCase"] = DirectionCases.NameOf(DirectionCase),
        ["emptyDirection"] = EmptyDirections.NameOf(EmptyDirection),
        ["sessionCookie"] = SessionCookieKinds.NameOf(SessionCookie),
        ["documentMediaType"] = DocumentMediaTypes.NameOf(DocumentMediaType),
        ["logoutPage"] = LogoutPages.NameOf(LogoutPage),
        ["pauseScope"] = PauseScopes.NameOf(PauseScope),
        ["unchangedPauseReach"] = UnchangedPauseReaches.NameOf(UnchangedPauseReach),
        ["detailsPaused"] = DetailsPausedChoices.NameOf(DetailsPaused),
        ["errorBody"] = ErrorBodies.NameOf(ErrorBody),
        ["listWithoutCallList"] = ListsWithoutCallList.NameOf(ListWithoutCallList),
        ["maskScope"] = MaskScopes.NameOf(MaskScope),
        ["endedCoupleDetails"] = EndedCoupleDetailsChoices.NameOf(EndedCoupleDetails),
        ["maskSide"] = MaskSides.NameOf(MaskSide),
        ["anonymousSession"] = AnonymousSessions.NameOf(AnonymousSession),
        ["badMethodOrder"] = BadMethodOrders.NameOf(BadMethodOrder),
        ["unknownPathOrder"] = UnknownPathOrders.NameOf(UnknownPathOrder),
        ["redirectStatus"] = RedirectStatus.ToString(CultureInfo.InvariantCulture),
    };

    private static ProfileChange Choice<T>(string setting, string value, string rule, SettingChoices<T> choices, Func<T, RecorderProfile> apply)
        where T : struct, Enum =>
        choices.Parse(value) is { } choice
            ? new(apply(choice), null)
            : new(null, $"{setting} must be {choices.Expected}, not '{value}' ({rule})");

    // A status HTTP gives meaning beyond the answer is no recorder's refusal: 401, 407 and 426 require a header a client
    // acts on (a challenge, a proxy's, an upgrade), and 407 is a proxy asking for credentials, which stops the kit's run.
    private static ProfileChange Status(string setting, string value, string rule, Func<int, RecorderProfile> apply) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 400 and <= 499 and not (401 or 407 or 426)
            ? new(apply(status), null)
            : new(null, $"{setting} must be a 4xx status code other than 401, 407 and 426, not '{value}' ({rule})");

    // SES-6: below a second every session would expire before its next request (1e-300 minutes is zero ticks);
    // above 30 days a session would outlive any test run and only cost memory.
    private static TimeSpan? ParseTimeout(string value)
    {
        TimeSpan? span = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes)
            ? minutes >= MinSessionIdleTimeout.TotalMinutes && minutes <= MaxSessionIdleTimeout.TotalMinutes ? TimeSpan.FromMinutes(minutes) : null
            : TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        return span >= MinSessionIdleTimeout && span <= MaxSessionIdleTimeout ? span : null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{0,32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex JvmRoutePattern();

    /// <summary><c>request</c>, <c>relative</c>, or <paramref name="value"/> as <c>scheme://host[:port]</c> in lower case; null if it is none of them.</summary>
    private static string? NormalizedOrigin(string value) =>
        string.Equals(value, RequestLinkOrigin, StringComparison.OrdinalIgnoreCase) ? RequestLinkOrigin
        : string.Equals(value, RelativeLinkOrigin, StringComparison.OrdinalIgnoreCase) ? RelativeLinkOrigin
        : Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && uri.Query.Length == 0
            && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0 && !value.TrimEnd('/').EndsWith('?') && HostAsWritten(value, uri) ? uri.GetLeftPart(UriPartial.Authority)
        : null;

    /// <summary>
    /// A host in plain ASCII that a URI parser keeps as written (case aside): not <c>1.2.3</c>, which becomes 1.2.0.3, nor a
    /// name with invisible or non-ASCII characters, which every link would carry, nor an IPv6 address with a zone
    /// (<c>[fe80::1%25eth0]</c>), whose zone the parser drops; and a port other than 0. The case of the scheme and host, a
    /// default port and a port's leading zeros are written as a URI parser writes them (<c>http://h:8080</c>).
    /// </summary>
    private static bool HostAsWritten(string value, Uri uri) =>
        System.Text.Ascii.IsValid(value) && !value.Any(char.IsControl) && uri.Port != 0
        && (uri.HostNameType == UriHostNameType.IPv6 ? !value.Contains('%', StringComparison.Ordinal) : value.Contains(uri.Host, StringComparison.OrdinalIgnoreCase))
        && !(uri.HostNameType == UriHostNameType.Dns && uri.Host.All(c => char.IsAsciiDigit(c) || c == '.'));
}
