using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Probe;

/// <summary>
/// Finds out what a server does where the API reference is silent, one profile setting at a time, and writes a
/// profile named "probed" whose settings are what it saw (a setting it could not observe keeps its default, and the
/// file says so). It changes nothing: its requests are logins, lists, details, requests for a couple that does not
/// exist and requests the API does not have; with --allow-pause and a --couple that records, requests to its pausedState
/// (a misspelt <c>pause=true</c>, a value in each place, two values at once), each pause put back as it was found.
/// </summary>
internal sealed partial class Prober(ITarget target, IReadOnlyList<ModelUser> accounts, IReadOnlyList<long> pausable, TimeSpan pace)
{
    public const string ProbedName = "probed";
    private const long Nonexistent = 987654321;

    /// <summary>Every probe request may be repeated (it reads, or pauses a couple that is then put back): a fault is tried again.</summary>
    public const int RepeatableAttempts = 3;

    private readonly JsonObject observations = [];
    private readonly List<string> summary = [];

    // The lines of the summary a person must act on (a couple that may be left paused, a hold that may have been ended).
    private readonly List<string> byHand = [];
    private KitProfile profile = KitProfile.Default with { Name = ProbedName };

    // The account of slot 0, for a put-back after the session went; and whether one of the probe's own pauses of a real
    // recorder's couple may be in effect (only then does an interrupted probe send a put-back).
    private ModelUser? mainAccount;
    private bool ownPause;

    // A real recorder's couples listed when the probe began, by id, with their calling numbers (a filter finds one).
    private Dictionary<long, string> callingAtStart = [];

    // On a real recorder whose main account has phone masks, the couples an account without masks listed at the start
    // (ProbeEndedCoupleAsync looks among them); null: the main account's.
    private List<long>? listedAtStart;

    // The longest a real recorder's details took to show one of the probe's pauses or put-backs; null until one showed.
    private TimeSpan? lag;

    // SES-4: answers to requests sent without a session that the recorder gave as it gives them in one (anonymousSession).
    private readonly List<Wire.Exchange> answeredAsInASession = [];

    /// <summary>How long details may take to show a pause or resume (--settle), as the kit's own checks wait.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The clock by which the probe measures how long ago the server last showed a session alive (<see cref="RenewAfterIdleAsync"/>).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Where the probe says what it waits for while it waits long (details that may lag); null: nowhere.</summary>
    public TextWriter? Progress { get; init; }

    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var (full, listOnly, none, masked, couples) = await ArrangeAsync(cancellationToken);
        mainAccount = full;
        Stage("logins, sessions and logouts (SES-1..5)");
        using var http = target.CreateClient();
        var wire = new Wire.Wire(http, pace, Clock) { Control = target.Control, Attempts = RepeatableAttempts };

        // SES-4: whether the refusal of a request that names no session opens one (a list with the dummy cookie alone).
        var anonymous = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", withSession: false, cancellationToken: cancellationToken);
        var opened = Wire.Wire.SessionCookieLine(anonymous) is not null;
        Observe(ProfileSettings.AnonymousSession, anonymous.Status >= 400 ? (opened ? "any-request" : "none") : null,
            $"a list sent with no session is answered {anonymous.Status}{(anonymous.Status >= 400 ? $", and {(opened ? "sets a" : "sets no")} session cookie" : ", not refused: whether a refusal opens a session was not seen")}");

        // SES-4: the cookie of a login, and whether a second login by the same session renews its id.
        var wrong = await wire.SendAsync(1, HttpMethod.Post, "callrec/loginAction.do", "login=probe-nobody&password=x", cancellationToken: cancellationToken);

        // SES-3: the same failed login twice; the pages differ only in what tells nothing (a token, a time) or not at all.
        // On a real recorder the second comes more than a second later, so a page that shows the time to the second shows
        // another (the simulator's pages are the kit's to know: none shows a time).
        if (target.Control is null)
        {
            await Task.Delay(TimeSpan.FromSeconds(1.1), cancellationToken);
        }

        var wrongAgain = await wire.SendAsync(1, HttpMethod.Post, "callrec/loginAction.do", "login=probe-nobody&password=x", cancellationToken: cancellationToken);
        var tokensOnly = Wire.Exchange.GistsAgree(wrong.Gist, wrongAgain.Gist);
        var redirected = wrong.Status is >= 300 and < 400 && wrongAgain.Status == wrong.Status;
        Observe(ProfileSettings.LoginPage, redirected ? "redirect" : wrong.Shape == wrongAgain.Shape ? "fixed" : tokensOnly ? "token" : null,
            redirected ? $"the same failed login, sent twice, is answered {wrong.Status} to {wrong.Header("Location") ?? "no Location"}, a redirect, not a page"
            : wrong.Shape == wrongAgain.Shape ? "the same failed login, sent twice, is answered with the same page, byte for byte but for the session ids it names (a link's ;jsessionid=)"
            : tokensOnly ? "the same failed login, sent twice, is answered with pages that differ in a token or a number only"
            : "the same failed login, sent twice, is answered with pages that differ beyond tokens and numbers (SES-3 will say how)");
        if (redirected)
        {
            Observe(ProfileSettings.RedirectStatus, wrong.Status is 302 or 303 or 307 ? wrong.Status.ToString(CultureInfo.InvariantCulture) : null, $"a login is redirected with {wrong.Status}");
        }
        else
        {
            Kept(ProfileSettings.RedirectStatus, "a login is answered with a page, not a redirect");
        }
        var first = await wire.LoginAsync(0, full, cancellationToken);
        var id = wire.SessionOf(0);
        Observe(ProfileSettings.JvmRoute, id is null ? null : id.Contains('.', StringComparison.Ordinal) ? id[(id.IndexOf('.', StringComparison.Ordinal) + 1)..] : string.Empty,
            $"the login answer sets '{Redacted(first.Header("Set-Cookie")).Replace("\n", "' and '", StringComparison.Ordinal)}'");
        var cookie = Wire.Wire.SessionCookieLine(first);
        Observe(ProfileSettings.SessionCookie, cookie is null ? null : cookie.Split(';').Skip(1).Any(a => a.Trim().Equals("HttpOnly", StringComparison.OrdinalIgnoreCase)) ? "http-only" : "plain",
            cookie is null ? "the login answer sets no session cookie" : $"the login answer's cookie is {(cookie.Contains("HttpOnly", StringComparison.OrdinalIgnoreCase) ? string.Empty : "not ")}marked HttpOnly");
        await wire.LoginAsync(0, full, cancellationToken);
        // loginSessionId is observed below, with a failed login's answer (on-success renews the id of a login that works only).
        var renewedOnSuccess = id is null ? (bool?)null : wire.SessionOf(0) != id;

        // SES-4: the session that second login named, where it got a new id: still logged in, or replaced by the new one.
        // A session left logged in is logged out again.
        int? namedAfterLogin = null;
        var secondLoginTook = false;
        if (renewedOnSuccess == true)
        {
            // A failed login gets a new id too (loginSessionId=fresh): only a login that took tells what it did to the other.
            var renewed = wire.SessionOf(0);
            secondLoginTook = (await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken)).Status == 200;
            wire.UseSession(0, id);
            namedAfterLogin = (await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken)).Status;
            if (namedAfterLogin == 200)
            {
                await wire.LogoutAsync(0, cancellationToken);
            }

            wire.UseSession(0, renewed);
        }

        // SES-4: a second login of the same user in another session, then each session lists.
        await wire.LoginAsync(2, full, cancellationToken);
        var firstAfterSecond = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        var second = await wire.SendAsync(2, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        Observe(ProfileSettings.SessionsPerUser, (firstAfterSecond.Status, second.Status) switch { (200, 200) => "many", (403, 200) => "one", (200, 403) => "first-wins", _ => null },
            $"after the same user logged in in a second session, the first lists with {firstAfterSecond.Status}, the second with {second.Status}");
        var loggedOut = wire.SessionOf(2);
        var logout = await wire.LogoutAsync(2, cancellationToken);
        // SES-5: a logout of a logged-in session, answered as a login (up to tokens and numbers, as SES-3 compares logins) or
        // not; a page or redirect of its own is a logout only if the session it named no longer lists.
        var asLogin = Wire.Exchange.GistsAgree(logout.Gist, first.Gist);
        var afterLogout = wire.SessionOf(2);
        wire.UseSession(2, loggedOut);
        var sessionEnded = (await wire.SendAsync(2, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken)).Status == 403;
        wire.UseSession(2, afterLogout);
        // A session logged out that was never logged in (the user's first session holds it) proves nothing by ending: the
        // logout of a session proven logged in, below, tells logoutPage then.
        var logoutPageUnseen = !asLogin && second.Status != 200;
        if (!logoutPageUnseen)
        {
            Observe(ProfileSettings.LogoutPage, asLogin ? "login" : logout.Status is >= 200 and < 400 && sessionEnded ? "own" : null,
                $"a logout is answered {logout.Status}{(logout.ContentType is { } type ? " as " + type : string.Empty)}, {(asLogin ? "as a login is" : $"where a login is answered {first.Status}{(first.ContentType is { } login ? " as " + login : string.Empty)} with another page")}"
                + (asLogin ? string.Empty : sessionEnded ? ", and the session it named no longer lists" : ", and the session it named still lists: no logout at that path"));
        }

        // successfulLoginSession where the same user's second login ended the session it named, as one session per user would
        // either way: another user's login that works, naming a session of the first user, tells it (no policy of one session
        // per user ends another user's session).
        int? namedByOther = null;
        if (secondLoginTook && namedAfterLogin == 403 && ObservedValue(ProfileSettings.SessionsPerUser) is not "many" and not "first-wins"
            && (listOnly ?? masked ?? accounts.FirstOrDefault(a => a.CallList && a.Login != full.Login)) is { } other)
        {
            await wire.LoginAsync(1, full, cancellationToken);
            var held = wire.SessionOf(1);
            var heldLists = (await wire.SendAsync(1, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken)).Status == 200;
            await wire.LoginAsync(1, other, cancellationToken);
            var otherSession = wire.SessionOf(1);
            if (heldLists && otherSession != held && (await wire.SendAsync(1, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken)).Status == 200)
            {
                wire.UseSession(1, held);
                namedByOther = (await wire.SendAsync(1, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken)).Status;
                if (namedByOther == 200)
                {
                    await wire.LogoutAsync(1, cancellationToken);
                }

                wire.UseSession(1, otherSession);
            }

            await wire.LogoutAsync(1, cancellationToken);
        }

        ObserveSuccessfulLoginSession(secondLoginTook ? namedAfterLogin : null, renewedOnSuccess, secondLoginTook, namedByOther);

        // The logins above named logged-in sessions on purpose; from here on none does.
        wire.LogsOutBeforeLogin = true;
        await wire.LoginAsync(0, full, cancellationToken);

        // SES-4: a failed login naming a logged-in session; then that session, named as before, tries to list. It fails by
        // a login that does not exist, never by a wrong password: a recorder that locks accounts must not lock the user's.
        var loggedIn = wire.SessionOf(0);
        var failed = await wire.SendAsync(0, HttpMethod.Post, "callrec/loginAction.do", "login=probe-nobody&password=probe-wrong", cancellationToken: cancellationToken);
        var renewedOnFailure = Wire.Wire.SetCookieSession(failed) is { } failedId && failedId != loggedIn;
        Observe(ProfileSettings.LoginSessionId, renewedOnSuccess switch { null => null, false => renewedOnFailure ? null : "kept", true => renewedOnFailure ? "fresh" : "on-success" },
            $"a second login naming the session {(renewedOnSuccess == true ? "got a new id" : "kept its id")}, and a failed one naming a logged-in session {(renewedOnFailure ? "got a new id" : "kept it")}");
        wire.UseSession(0, loggedIn);
        var afterFailure = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        Observe(ProfileSettings.FailedLoginSession, afterFailure.Status switch { 200 => "unchanged", 403 => "logged-out", _ => null },
            $"after a failed login, the session it named lists with {afterFailure.Status}");
        await ProbeLogoutSessionAsync(wire, full, failedLoginSetsId: Wire.Wire.SetCookieSession(wrong) is not null, logoutPageUnseen ? first : null, cancellationToken);
        await wire.LoginAsync(0, full, cancellationToken);

        // SES-1: credentials in the query string of a login whose body is empty, while no other session of the user is
        // logged in (a recorder that keeps a user's first session would refuse it for that alone).
        await wire.LogoutAsync(0, cancellationToken);
        var query = $"callrec/loginAction.do?login={Uri.EscapeDataString(full.Login)}&password={Uri.EscapeDataString(full.Password)}";
        await wire.SendAsync(2, HttpMethod.Post, query, string.Empty, cancellationToken: cancellationToken);
        var byQuery = await wire.SendAsync(2, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        Observe(ProfileSettings.LoginParameters, byQuery.Status switch { 200 => "form-and-query", 403 => "form", _ => null },
            $"after a login with its fields in the query string, a list is answered {byQuery.Status}");
        await wire.LogoutAsync(2, cancellationToken);
        await wire.LoginAsync(0, full, cancellationToken); // under sessionsPerUser=one that login ended this session

        // From here on no request is meant to end a session: a 403 after an idle may be an expiry (SES-6), on a server
        // whose sessions expire on a clock the kit cannot move. Above, logins, logouts and a second login end sessions on
        // purpose, and a login again would spoil what they measure.
        if (target.Clock != ClockKind.Virtual)
        {
            wire.RefusedInSession = (refused, token) => RenewAfterIdleAsync(wire, refused, token);
        }

        Stage("the list's filters and the order of its checks (LST-6, LST-7)");
        // LST-6: an invalid direction, with and without its filter value, logged in and not.
        var badDirection = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml?phoneNumber=0000000&phoneNumberDirection=EITHER", cancellationToken: cancellationToken);
        var invalid = badDirection.Status is >= 400 and <= 499 ? badDirection.Status : (int?)null;
        Observe(ProfileSettings.InvalidDirectionStatus, invalid?.ToString(CultureInfo.InvariantCulture), $"phoneNumberDirection=EITHER is answered {badDirection.Status}");
        var alone = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml?phoneNumberDirection=EITHER", cancellationToken: cancellationToken);
        Observe(ProfileSettings.DirectionWithoutValue, alone.Status == 200 ? "ignored" : alone.Status == invalid ? "checked" : null,
            $"phoneNumberDirection=EITHER without phoneNumber is answered {alone.Status}");
        // LST-6: directionCase (the words in any case) and emptyDirection (an empty value as none), each by its own request.
        var mixedCase = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml?phoneNumber=0000000&phoneNumberDirection=Both", cancellationToken: cancellationToken);
        var empty = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml?phoneNumber=0000000&phoneNumberDirection=", cancellationToken: cancellationToken);
        Observe(ProfileSettings.DirectionCase, mixedCase.Status == 200 ? "any" : invalid is not null && mixedCase.Status == invalid ? "exact" : null,
            $"phoneNumberDirection=Both is answered {mixedCase.Status}");
        Observe(ProfileSettings.EmptyDirection, empty.Status == 200 ? "none" : invalid is not null && empty.Status == invalid ? "invalid" : null,
            $"an empty phoneNumberDirection is answered {empty.Status}");
        await ProbeParameterOrderAsync(wire, none, invalid, cancellationToken);
        await ProbeListWithoutCallListAsync(wire, none, cancellationToken);

        Stage("refusals and what each account may see (DET-3, PSE-4, LST-5)");
        // DET-3, PSE-4: which refusal comes first for a couple that does not exist.
        var missing = couples.Contains(Nonexistent) ? couples.Max() + 1_000_000 : Nonexistent;
        await ProbeWithoutCallListAsync(wire, none, couples, cancellationToken);
        await ProbeRefusalOrderAsync(wire, listOnly, none, masked, missing, cancellationToken);
        await ProbeDetailsPausedAsync(wire, listOnly, couples, cancellationToken);
        await ProbeUnseenCouplesAsync(wire, full, masked, cancellationToken);
        await ProbeLinkOriginAsync(wire, cancellationToken);
        await ProbeMaskSideAsync(wire, full, masked, cancellationToken);
        await ProbeMaskScopeAsync(wire, full, masked, couples, cancellationToken);
        await ProbeFiltersAsync(wire, couples, cancellationToken);

        Stage("documents, paths and methods (LST-1, DET-1, DET-3, GEN-1, GEN-2)");
        // LST-1, DET-1: the media type of the main account's list.
        var listed = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        var mediaType = listed.Status == 200 ? ProfileSettings.Find(ProfileSettings.DocumentMediaType)!.Normalize(listed.ContentType ?? string.Empty) : null;
        Observe(ProfileSettings.DocumentMediaType, mediaType, $"the list is answered {listed.Status} as {listed.ContentType ?? "no media type"}");

        var gone = await ProbeEndedCoupleAsync(wire, full, listedAtStart ?? couples, cancellationToken);

        // PSE-4, GEN-1, GEN-2: requests the API does not have.
        var visible = couples.Where(c => !gone.Contains(c)).DefaultIfEmpty(missing).First();
        var get = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{visible}/pausedState", cancellationToken: cancellationToken);
        Observe(ProfileSettings.PausedStateGetStatus, Status4xx(get.Status), $"GET on pausedState is answered {get.Status}");
        var unknown = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/no-such-resource.xml", cancellationToken: cancellationToken);
        Observe(ProfileSettings.UnknownPathStatus, Status4xx(unknown.Status), $"an unknown path is answered {unknown.Status}");
        // GEN-1: the same without a session, refused with that status (the path first) or as not logged in.
        var unknownBare = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/no-such-resource.xml", withSession: false, cancellationToken: cancellationToken);
        ObserveOrderAmongLogin(ProfileSettings.UnknownPathOrder, unknown, unknownBare, "an unknown path", "the path");

        var patch = await wire.SendAsync(0, HttpMethod.Patch, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        Observe(ProfileSettings.MethodNotAllowedStatus, Status4xx(patch.Status), $"PATCH on the couples list is answered {patch.Status}");
        // GEN-2, PSE-4: the same without a session, refused with that status (the method first) or as not logged in.
        var bare = await wire.SendAsync(0, HttpMethod.Patch, "callrec/restful/couples.xml", withSession: false, cancellationToken: cancellationToken);
        ObserveOrderAmongLogin(ProfileSettings.BadMethodOrder, patch, bare, "PATCH on the couples list", "the method");
        answeredAsInASession.AddRange(new[] { (InSession: unknown, Bare: unknownBare), (InSession: patch, Bare: bare) }.Where(p => p.Bare.Status == p.InSession.Status).Select(p => p.Bare));
        ObserveWhichAnswersOpenSessions([unknownBare, bare]);

        // GEN-1, GEN-2: the list spelled in another case, and a HEAD of the list, in the logged-in session of a user who may list.
        var otherCase = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/Couples.xml", cancellationToken: cancellationToken);
        Observe(ProfileSettings.PathCase, otherCase.Status == 200 ? "any" : otherCase.Status == unknown.Status ? "exact" : null,
            $"the list spelled /callrec/restful/Couples.xml is answered {otherCase.Status}");
        var head = await wire.SendAsync(0, HttpMethod.Head, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        Observe(ProfileSettings.HeadMethod, head.Status == 200 ? "as-get" : head.Status == patch.Status ? "not-allowed" : null,
            $"HEAD on the couples list is answered {head.Status}");
        if (couples.Count > 0)
        {
            await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{visible}", cancellationToken: cancellationToken);
        }

        Stage("pauses: how paused is read, what a pause reaches, its answers (PSE-1..4)");
        await ProbePausedReadingAsync(wire, couples, cancellationToken);
        await ProbePauseScopeAsync(wire, couples, cancellationToken);
        await ProbeUnchangedPauseReachAsync(wire, couples, cancellationToken);
        await ProbePausedOrderAsync(wire, none, missing, cancellationToken);
        if (observations[ProfileSettings.PauseStatus] is null)
        {
            Kept(ProfileSettings.PauseStatus, "needs --allow-pause and a --couple that is recording");
        }

        if (observations[ProfileSettings.FormlessPost] is null)
        {
            await ProbeFormlessWithoutSessionAsync(wire, missing, cancellationToken);
        }

        if (lag is { } shown && Settle > TimeSpan.Zero)
        {
            // PSE-1: how soon details show a pause is not documented; the kit's runs wait --settle for it.
            var late = shown > Settle;
            summary.Add(string.Create(CultureInfo.InvariantCulture, $"the details showed the probe's pauses and put-backs within {shown.TotalSeconds:0.0} s")
                + (late ? string.Create(CultureInfo.InvariantCulture, $", later than --settle {Settle.TotalSeconds:0.###} s: a run with this profile file waits --settle {Commands.DetailsLag.SettleFor(shown)} s unless given another") : string.Empty)
                + " (PSE-1 does not say how soon they show one; a run passes a lag within --settle, and reports a longer one as a"
                + " difference on its timing)");
        }

        Kept(ProfileSettings.SessionIdleTimeout, (EndedSessions() is { } seen ? $"not measured: {seen}" : "not measured: a session would have to idle for as long as the timeout")
            + "; the 30 minutes the profile file keeps are the servlet container's default, not this recorder's: a client should log in again whenever a request is refused 403");
        Kept(ProfileSettings.MaxActiveSessions, "it would take as many logins as the cap");
        await wire.LogoutAsync(0, cancellationToken);
        await wire.LogoutAsync(1, cancellationToken);
        if (wire.SessionOf(2) is not null)
        {
            await wire.LogoutAsync(2, cancellationToken); // a session of a masked or list-only account left would hold it under first-wins
        }

        if (wire.Repeated > 0)
        {
            summary.Add($"{wire.Repeated} request(s) met a fault (a 429, 502, 503 or 504, a cut answer, a simulator fault) and were sent again");
        }

        var json = ProfileJson.Write(profile);
        json["probe"] = new JsonObject { ["target"] = target.Description, ["settings"] = observations };
        if (lag is { } measured)
        {
            // PSE-1: a run against this file waits for details this late without being told (--settle).
            json["probe"]![ProfileJson.DetailsLagMember] = Math.Ceiling(measured.TotalSeconds * 10) / 10;
        }
        var answers = wire.Transcript.Where(e => e.Script is null).Select(e => new ProbedAnswer($"{e.Method} {e.PathAndQuery}", e.Status, e.ContentType, Wire.Documents.Shape(e.Body))).ToList();
        return new ProbeResult(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), summary, answers) { ByHand = byHand };
    }

    /// <summary>
    /// SES-4 (inferred), where a refused list without a session opened one: whether every answer to a request without one
    /// does (any-request, a servlet application that asks for a session on every request) or only a refusal as not logged
    /// in (refusals, a security filter that saves the refused request for after the login). Told by the answers to
    /// requests sent without a session that the recorder gave as it gives them in a session (the same 4xx, not a 401 or a
    /// 403, so decided before any login check: an unknown path, a PATCH, an invalid direction; and the recorder's own, not a
    /// front proxy's that answers both alike while the recorder answers another such request otherwise): all with a cookie,
    /// any-request; all without, refusals. Where none tells, or they disagree, a refusal was still seen to open a session:
    /// any-request, and the file says refusals was not told apart.
    /// </summary>
    /// <param name="bare">The unknown path's and the PATCH's answers without a session, named where none tells.</param>
    private void ObserveWhichAnswersOpenSessions(IReadOnlyList<Wire.Exchange> bare)
    {
        if (ObservedValue(ProfileSettings.AnonymousSession) != "any-request")
        {
            return;
        }

        const string Refused = "a list sent with no session is refused and sets a session cookie";
        var telling = answeredAsInASession.Where(e => e.Status is >= 400 and < 500 and not 401 and not 403)
            .Select(e => (Bare: e, Opens: Wire.Wire.SessionCookieLine(e) is not null)).ToList();
        var told = string.Join("; ", telling.Select(t => $"{t.Bare.Method} {t.Bare.PathAndQuery} sent with none is answered {t.Bare.Status} as in a session and sets {(t.Opens ? "one" : "none")}"));
        if (telling.Count == 0 || telling.Any(t => t.Opens) != telling.All(t => t.Opens))
        {
            var why = telling.Count == 0
                ? $"{string.Join(" and ", bare.Select(e => $"{e.Method} {e.PathAndQuery}"))} sent with none are answered {string.Join(" and ", bare.Select(e => e.Status))}, not as in a session"
                : $"{told}: they disagree";
            Observe(ProfileSettings.AnonymousSession, "any-request", $"{Refused}; {why}: whether only refusals open one (refusals) was not told apart");
            return;
        }

        Observe(ProfileSettings.AnonymousSession, telling[0].Opens ? "any-request" : "refusals", $"{Refused}; {told}{(telling[0].Opens ? string.Empty : ": only refusals open one")}");
    }

    /// <summary>Says what the probe turns to next, where it says anything: on a recorder that answers slowly a probe takes minutes.</summary>
    private void Stage(string what) => Progress?.WriteLine($"  probing {what}");

    /// <summary>The accounts to probe with: on a simulator the kit makes them, on a real recorder it takes those given.</summary>
    private async Task<(ModelUser Full, ModelUser? ListOnly, ModelUser? None, ModelUser? Masked, IReadOnlyList<long> Couples)> ArrangeAsync(CancellationToken cancellationToken)
    {
        if (target.Control is { } control)
        {
            ModelUser[] users = [new("probe", "probe-pw", true, true, []), new("probe-list", "probe-pw", true, false, []), new("probe-none", "probe-pw", false, false, []), new("probe-masked", "probe-pw", true, false, ["0000000"])];
            var couples = await control.ResetAsync(new WorldSpec(1, [.. users], [new CallSpec("5550100", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "10022", "10.0.0.6", "10.0.1.22")]), cancellationToken);
            return (users[0], users[1], users[2], users[3], couples.Select(c => c.Id).ToList());
        }

        var full = accounts.Where(a => a.CallList).OrderByDescending(a => a.PauseAndResume).ThenBy(a => a.Masks.Length).FirstOrDefault()
            ?? throw new TargetException("probing a real recorder needs an --account with Call List");
        var observed = await RealWorld.ObserveAsync(target, [full], [], false, pace, cancellationToken, progress: Progress);
        callingAtStart = observed.Couples.ToDictionary(c => c.Id, c => c.CallingNumber);
        if (Unmasked(full) is { } unmasked && unmasked != full)
        {
            // The couples that end during the probe are found by an account without phone masks (ProbeEndedCoupleAsync),
            // by the calling numbers their details showed at the start: only such an account reads every couple's.
            var all = await RealWorld.ObserveAsync(target, [unmasked], [], false, pace, cancellationToken, progress: Progress);
            (listedAtStart, callingAtStart) = (all.Couples.Select(c => c.Id).ToList(), all.Couples.ToDictionary(c => c.Id, c => c.CallingNumber));
        }

        return (full, accounts.Where(a => a.CallList && !a.PauseAndResume).OrderBy(a => a.Masks.Length).FirstOrDefault(), accounts.FirstOrDefault(a => !a.CallList), accounts.FirstOrDefault(a => a.CallList && a.Masks.Length > 0 && a.Login != full.Login), observed.Couples.Select(c => c.Id).ToList());
    }

    /// <summary>
    /// GEN-1, GEN-2 (inferred): where a request the API does not have is refused among the login check, from the same
    /// request in a session and without one: before-login where both get its status, after-login where the one without a
    /// session is refused 403; kept where the session's is a 403 too, as nothing tells then.
    /// </summary>
    private void ObserveOrderAmongLogin(string setting, Wire.Exchange inSession, Wire.Exchange bare, string what, string checkedFirst)
    {
        if (inSession.Status == 403)
        {
            Kept(setting, $"{what} is answered 403 in a session too: whether {checkedFirst} or the login is checked first cannot be told");
            return;
        }

        Observe(setting, bare.Status == inSession.Status ? "before-login" : bare.Status == 403 ? "after-login" : null,
            $"{what} without a session is answered {bare.Status}, in a session {inSession.Status}");
    }

    /// <summary>
    /// successfulLoginSession (SES-4): the session a login that works named, once that login got a new id, lists (still
    /// logged in: unchanged) or not (replaced); under sessionsPerUser=one that login ended it either way, and another
    /// user's login naming a session of the first tells it (<paramref name="namedByOther"/>, the status that session then
    /// lists with).
    /// </summary>
    private void ObserveSuccessfulLoginSession(int? named, bool? renewed, bool took, int? namedByOther)
    {
        var how = $"after a second login of the same user naming a logged-in session got a new id, the session it named lists with {named}";
        if (named is null)
        {
            Kept(ProfileSettings.SuccessfulLoginSession, renewed == false ? "under loginSessionId=kept a login that works keeps the id it named, so there is no other session to see"
                : renewed == true && !took ? "a second login naming a logged-in session got a new id that does not list: that login did not take, so it tells nothing of one that does"
                : "the login set no session id to compare");
        }
        else if (named == 403 && namedByOther is 200 or 403)
        {
            Observe(ProfileSettings.SuccessfulLoginSession, namedByOther == 200 ? "unchanged" : "replaced",
                $"{how}, as one session per user would end it either way; after another user's login that works named a logged-in session and got a new id, the session it named lists with {namedByOther}");
        }
        else if (named == 403 && ObservedValue(ProfileSettings.SessionsPerUser) is not "many" and not "first-wins")
        {
            Kept(ProfileSettings.SuccessfulLoginSession, $"{how}, but a recorder that keeps one session per user (sessionsPerUser=one, not seen otherwise) ends it for that alone; another --account with Call List would tell, logging in over the first user's session");
        }
        else
        {
            Observe(ProfileSettings.SuccessfulLoginSession, named switch { 200 => "unchanged", 403 => "replaced", _ => null }, how);
        }
    }

    /// <summary>
    /// PSE-3: <c>formlessPost=refused</c> answers a POST without a form 415 before the session is looked at, so a POST
    /// without a body and without a session, for a couple that does not exist, tells it without --allow-pause (nothing
    /// there can change), beside the same POST with an empty form. Answered alike fits <c>read</c> without proving it: a
    /// recorder that wants a form only once it has found the session answers both 403.
    /// </summary>
    private async Task ProbeFormlessWithoutSessionAsync(Wire.Wire wire, long missing, CancellationToken cancellationToken)
    {
        var path = $"callrec/restful/couples.xml/{missing}/pausedState?paused=false";
        var withForm = await wire.SendAsync(1, HttpMethod.Post, path, string.Empty, withSession: false, cancellationToken: cancellationToken);
        var formless = await wire.SendAsync(1, HttpMethod.Post, path, null, withSession: false, cancellationToken: cancellationToken);
        var how = $"without a session, a resume in the query string of a POST without a body, for couple {missing}, which does not exist, is answered {formless.Status}, with an empty form {withForm.Status}";
        if (formless.Status == 415 && withForm.Status != 415)
        {
            Observe(ProfileSettings.FormlessPost, "refused", how);
        }
        else if (formless.Status == withForm.Status)
        {
            Assumed(ProfileSettings.FormlessPost, "read", how + ": alike, as under read, or where a form is wanted only once the session is found; with --allow-pause, a --couple that is recording and paused read in the query string the probe tells them apart");
        }
        else
        {
            Kept(ProfileSettings.FormlessPost, how);
        }
    }

    private static string? Status4xx(int status) => status is >= 400 and <= 499 ? status.ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>A Set-Cookie as the probe's summary shows it: the session id hidden whatever its shape (Tomcat's hex, Jetty's node0…), its jvmRoute kept.</summary>
    internal static string Redacted(string? setCookie) => setCookie is null ? "no cookie" : System.Text.RegularExpressions.Regex.Replace(setCookie, "JSESSIONID=[^;.\\s]+", "JSESSIONID=…");
}
