using System.Collections.Immutable;
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
internal sealed class Prober(ITarget target, IReadOnlyList<ModelUser> accounts, IReadOnlyList<long> pausable, TimeSpan pace)
{
    public const string ProbedName = "probed";
    private const long Nonexistent = 987654321;

    /// <summary>Every probe request may be repeated (it reads, or pauses a couple that is then put back): a fault is tried again.</summary>
    public const int RepeatableAttempts = 3;

    private readonly JsonObject observations = [];
    private readonly List<string> summary = [];
    private KitProfile profile = KitProfile.Default with { Name = ProbedName };

    // The account of slot 0, for a put-back after the session went; and whether one of the probe's own pauses of a real
    // recorder's couple may be in effect (only then does an interrupted probe send a put-back).
    private ModelUser? mainAccount;
    private bool ownPause;

    // The longest a real recorder's details took to show one of the probe's pauses or put-backs; null until one showed.
    private TimeSpan? lag;

    /// <summary>How long details may take to show a pause or resume (--settle), as the kit's own checks wait.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Where the probe says what it waits for while it waits long (details that may lag); null: nowhere.</summary>
    public TextWriter? Progress { get; init; }

    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var (full, listOnly, none, masked, couples) = await ArrangeAsync(cancellationToken);
        mainAccount = full;
        using var http = target.CreateClient();
        var wire = new Wire.Wire(http, pace, TimeProvider.System) { Control = target.Control, Attempts = RepeatableAttempts };

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
        Observe(ProfileSettings.LoginPage, wrong.Shape == wrongAgain.Shape ? "fixed" : tokensOnly ? "token" : null,
            wrong.Shape == wrongAgain.Shape ? "the same failed login, sent twice, is answered with the same page byte for byte"
            : tokensOnly ? "the same failed login, sent twice, is answered with pages that differ in a token or a number only"
            : "the same failed login, sent twice, is answered with pages that differ beyond tokens and numbers (SES-3 will say how)");
        var first = await wire.LoginAsync(0, full, cancellationToken);
        var id = wire.SessionOf(0);
        Observe(ProfileSettings.JvmRoute, id is null ? null : id.Contains('.', StringComparison.Ordinal) ? id[(id.IndexOf('.', StringComparison.Ordinal) + 1)..] : string.Empty,
            $"the login answer sets '{Redacted(first.Header("Set-Cookie"))}'");
        var cookie = Wire.Wire.SessionCookieLine(first);
        Observe(ProfileSettings.SessionCookie, cookie is null ? null : cookie.Split(';').Skip(1).Any(a => a.Trim().Equals("HttpOnly", StringComparison.OrdinalIgnoreCase)) ? "http-only" : "plain",
            cookie is null ? "the login answer sets no session cookie" : $"the login answer's cookie is {(cookie.Contains("HttpOnly", StringComparison.OrdinalIgnoreCase) ? string.Empty : "not ")}marked HttpOnly");
        var again = await wire.LoginAsync(0, full, cancellationToken);
        Observe(ProfileSettings.LoginSessionId, id is null ? null : wire.SessionOf(0) != id ? "fresh" : "kept",
            $"a second login naming the session {(Wire.Wire.SetCookieSession(again) is { } renewed && renewed != id ? "got a new id" : "kept its id")}");

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
        if (!asLogin && second.Status != 200)
        {
            // The session logged out was never logged in (the user's first session holds it): that it ended proves nothing.
            Kept(ProfileSettings.LogoutPage, $"a logout is answered {logout.Status} with another page than a login, but the session it named was not logged in (after the same user's second login it listed with {second.Status}), so whether that page ends a session could not be seen");
        }
        else
        {
            Observe(ProfileSettings.LogoutPage, asLogin ? "login" : logout.Status is >= 200 and < 400 && sessionEnded ? "own" : null,
                $"a logout is answered {logout.Status}{(logout.ContentType is { } type ? " as " + type : string.Empty)}, {(asLogin ? "as a login is" : $"where a login is answered {first.Status}{(first.ContentType is { } login ? " as " + login : string.Empty)} with another page")}"
                + (asLogin ? string.Empty : sessionEnded ? ", and the session it named no longer lists" : ", and the session it named still lists: no logout at that path"));
        }

        var logoutCookie = Wire.Wire.SessionCookieLine(logout) is not null;
        if (profile.FreshSessionIds)
        {
            // SES-4, SES-5: a logout of a logged-in session; under loginSessionId=kept it sets no cookie either way.
            Observe(ProfileSettings.LogoutSessionId, logoutCookie ? "fresh" : "none", $"a logout answer sets {(logoutCookie ? "a new session id" : "no session cookie")}");
        }
        else
        {
            Kept(ProfileSettings.LogoutSessionId, "under loginSessionId=kept a logout of a known session keeps its id, cookie or not");
        }

        await wire.LoginAsync(0, full, cancellationToken);

        // SES-4: a failed login naming a logged-in session; then that session, named as before, tries to list. It fails by
        // a login that does not exist, never by a wrong password: a recorder that locks accounts must not lock the user's.
        var loggedIn = wire.SessionOf(0);
        await wire.SendAsync(0, HttpMethod.Post, "callrec/loginAction.do", "login=probe-nobody&password=probe-wrong", cancellationToken: cancellationToken);
        wire.UseSession(0, loggedIn);
        var afterFailure = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        Observe(ProfileSettings.FailedLoginSession, afterFailure.Status switch { 200 => "unchanged", 403 => "logged-out", _ => null },
            $"after a failed login, the session it named lists with {afterFailure.Status}");
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

        // LST-6: an invalid direction, with and without its filter value, logged in and not.
        var badDirection = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml?phoneNumber=0000000&phoneNumberDirection=EITHER", cancellationToken: cancellationToken);
        var invalid = badDirection.Status is >= 400 and <= 499 ? badDirection.Status : (int?)null;
        Observe(ProfileSettings.InvalidDirectionStatus, invalid?.ToString(CultureInfo.InvariantCulture), $"phoneNumberDirection=EITHER is answered {badDirection.Status}");
        var alone = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml?phoneNumberDirection=EITHER", cancellationToken: cancellationToken);
        Observe(ProfileSettings.DirectionWithoutValue, alone.Status == 200 ? "ignored" : alone.Status == invalid ? "checked" : null,
            $"phoneNumberDirection=EITHER without phoneNumber is answered {alone.Status}");
        // LST-6: directionCase=any reads the words in any case and an empty direction as none; both must show for it.
        var mixedCase = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml?phoneNumber=0000000&phoneNumberDirection=Both", cancellationToken: cancellationToken);
        var empty = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml?phoneNumber=0000000&phoneNumberDirection=", cancellationToken: cancellationToken);
        Observe(ProfileSettings.DirectionCase, (mixedCase.Status, empty.Status) switch
            {
                (200, 200) => "any",
                var (both, blank) when invalid is not null && both == invalid && blank == invalid => "exact",
                _ => null,
            },
            $"phoneNumberDirection=Both is answered {mixedCase.Status}, an empty phoneNumberDirection {empty.Status}");
        await ProbeParameterOrderAsync(wire, none, invalid, cancellationToken);

        // DET-3, PSE-4: which refusal comes first for a couple that does not exist.
        var missing = couples.Contains(Nonexistent) ? couples.Max() + 1_000_000 : Nonexistent;
        await ProbeRefusalOrderAsync(wire, listOnly, none, masked, missing, cancellationToken);
        await ProbeUnseenCouplesAsync(wire, full, masked, cancellationToken);
        await ProbeLinkOriginAsync(wire, cancellationToken);

        // LST-1, DET-1: the media type of the main account's list.
        var listed = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        var mediaType = listed.Status == 200 ? ProfileSettings.Find(ProfileSettings.DocumentMediaType)!.Normalize(listed.ContentType ?? string.Empty) : null;
        Observe(ProfileSettings.DocumentMediaType, mediaType, $"the list is answered {listed.Status} as {listed.ContentType ?? "no media type"}");

        // DET-3: a couple that has ended, which only a simulator's couples can be made to do.
        if (target.Control is { } ending && couples.Count > 1)
        {
            await ending.EndCallAsync(couples[1], cancellationToken);
            var ended = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{couples[1]}", cancellationToken: cancellationToken);
            Observe(ProfileSettings.EndedCoupleStatus, ended.Status is 404 or 410 ? ended.Status.ToString(CultureInfo.InvariantCulture) : null, $"the details of a couple that has ended are answered {ended.Status}");
        }
        else
        {
            Kept(ProfileSettings.EndedCoupleStatus, "needs a couple that ends during the probe: a real recorder's calls are not the kit's to end");
        }

        // PSE-4, GEN-1, GEN-2: requests the API does not have.
        var visible = couples.Count > 0 ? couples[0] : missing;
        var get = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{visible}/pausedState", cancellationToken: cancellationToken);
        Observe(ProfileSettings.PausedStateGetStatus, Status4xx(get.Status), $"GET on pausedState is answered {get.Status}");
        var unknown = await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/no-such-resource.xml", cancellationToken: cancellationToken);
        Observe(ProfileSettings.UnknownPathStatus, Status4xx(unknown.Status), $"an unknown path is answered {unknown.Status}");
        var patch = await wire.SendAsync(0, HttpMethod.Patch, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        Observe(ProfileSettings.MethodNotAllowedStatus, Status4xx(patch.Status), $"PATCH on the couples list is answered {patch.Status}");

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

        await ProbePausedReadingAsync(wire, couples, cancellationToken);
        if (observations[ProfileSettings.FormlessPost] is null)
        {
            Kept(ProfileSettings.FormlessPost, "needs --allow-pause, a --couple that is recording, and paused seen read in the query string");
        }

        if (lag is { } shown && Settle > TimeSpan.Zero)
        {
            // PSE-1: how soon details show a pause is not documented; the kit's runs wait --settle for it.
            var late = shown > Settle;
            summary.Add(string.Create(CultureInfo.InvariantCulture, $"the details showed the probe's pauses and put-backs within {shown.TotalSeconds:0.0} s")
                + (late ? string.Create(CultureInfo.InvariantCulture, $", later than --settle {Settle.TotalSeconds:0.#} s: run the kit with --settle {Math.Ceiling(shown.TotalSeconds * 2)} s or more") : string.Empty)
                + " (PSE-1 does not say how soon they show one; a run passes a lag within --settle, and reports a longer one as a"
                + " difference on its timing)");
        }

        Kept(ProfileSettings.SessionIdleTimeout, "a session would have to idle for as long as the timeout");
        Kept(ProfileSettings.MaxActiveSessions, "it would take as many logins as the cap");
        await wire.LogoutAsync(0, cancellationToken);
        await wire.LogoutAsync(1, cancellationToken);

        if (wire.Repeated > 0)
        {
            summary.Add($"{wire.Repeated} request(s) met a fault (a 429, 502, 503 or 504, a cut answer, a simulator fault) and were sent again");
        }

        var json = ProfileJson.Write(profile);
        json["probe"] = new JsonObject { ["target"] = target.Description, ["settings"] = observations };
        var answers = wire.Transcript.Where(e => e.Script is null).Select(e => new ProbedAnswer($"{e.Method} {e.PathAndQuery}", e.Status, e.ContentType, Wire.Documents.Shape(e.Body))).ToList();
        return new ProbeResult(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), summary, answers);
    }

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
        var observed = await RealWorld.ObserveAsync(target, [full], [], false, pace, cancellationToken);
        return (full, accounts.FirstOrDefault(a => a.CallList && !a.PauseAndResume), accounts.FirstOrDefault(a => !a.CallList), accounts.FirstOrDefault(a => a.CallList && a.Masks.Length > 0 && a.Login != full.Login), observed.Couples.Select(c => c.Id).ToList());
    }

    /// <summary>badParameterOrder: a bad direction without a session, then from an account without Call List.</summary>
    private async Task ProbeParameterOrderAsync(Wire.Wire wire, ModelUser? none, int? invalid, CancellationToken cancellationToken)
    {
        const string Bad = "callrec/restful/couples.xml?phoneNumber=0000000&phoneNumberDirection=EITHER";
        if (invalid is null or 403)
        {
            Kept(ProfileSettings.BadParameterOrder, "an invalid direction is not told apart from a refusal (403)");
            return;
        }

        var anonymous = await wire.SendAsync(1, HttpMethod.Get, Bad, cancellationToken: cancellationToken);
        if (anonymous.Status == invalid)
        {
            Observe(ProfileSettings.BadParameterOrder, "before-login", $"without a session, an invalid direction is answered {anonymous.Status}");
            return;
        }

        if (none is null)
        {
            Kept(ProfileSettings.BadParameterOrder, "needs an account without Call List (RIGHTS none)");
            return;
        }

        await wire.LoginAsync(1, none, cancellationToken);
        var noList = await wire.SendAsync(1, HttpMethod.Get, Bad, cancellationToken: cancellationToken);
        Observe(ProfileSettings.BadParameterOrder, noList.Status == invalid ? "after-login" : noList.Status == 403 ? "after-access" : null,
            $"an invalid direction from {none.Login} (no Call List) is answered {noList.Status}");
    }

    /// <summary>
    /// refusalOrder: an unknown couple asked for by an account with phone masks (masks-first refuses it, 403), without
    /// Call List, and paused without the pause right.
    /// </summary>
    private async Task ProbeRefusalOrderAsync(Wire.Wire wire, ModelUser? listOnly, ModelUser? none, ModelUser? masked, long missing, CancellationToken cancellationToken)
    {
        var hidden = masked is null ? null : $"{masked.Login} (Call List, phone masks) asking for an unknown couple gets ";
        if (masked is not null)
        {
            // Its list first: a 403 from a login that did not take says nothing of the masks.
            await wire.LoginAsync(2, masked, cancellationToken);
            var listed = await wire.SendAsync(2, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
            var outside = await wire.SendAsync(2, HttpMethod.Get, $"callrec/restful/couples.xml/{missing}", cancellationToken: cancellationToken);
            await wire.LogoutAsync(2, cancellationToken);
            hidden += outside.Status.ToString(CultureInfo.InvariantCulture) + "; ";
            if (outside.Status == 403 && listed.Status == 200)
            {
                Observe(ProfileSettings.RefusalOrder, "masks-first", hidden.TrimEnd(' ', ';'));
                return;
            }
        }

        if (none is null)
        {
            Kept(ProfileSettings.RefusalOrder, "needs an account without Call List (RIGHTS none)");
            return;
        }

        await wire.LoginAsync(1, none, cancellationToken);
        var details = await wire.SendAsync(1, HttpMethod.Get, $"callrec/restful/couples.xml/{missing}", cancellationToken: cancellationToken);
        if (details.Status == 404)
        {
            Observe(ProfileSettings.RefusalOrder, "couple-first", $"{hidden}{none.Login} (no Call List) asking for an unknown couple gets 404");
            return;
        }

        if (listOnly is null)
        {
            Kept(ProfileSettings.RefusalOrder, $"{hidden}{none.Login} asking for an unknown couple gets {details.Status}; telling call-list-first from rights-first needs an account with Call List but no pause right (RIGHTS list)");
            return;
        }

        await wire.LoginAsync(2, listOnly, cancellationToken);
        var pause = await wire.SendAsync(2, HttpMethod.Post, $"callrec/restful/couples.xml/{missing}/pausedState", "paused=true", cancellationToken: cancellationToken);
        await wire.LogoutAsync(2, cancellationToken);
        Observe(ProfileSettings.RefusalOrder, details.Status != 403 ? null : pause.Status switch { 403 => "rights-first", 404 => "call-list-first", _ => null },
            $"{hidden}{none.Login} asking for an unknown couple gets {details.Status}; {listOnly.Login} (no pause right) pausing it gets {pause.Status}");
    }

    /// <summary>
    /// unseenCouples (LST-5): the list of an account with phone masks, between two of the main account's. A couple
    /// without a self link is one outside the masks, listed; couples the main account lists both times and the masked
    /// account does not, while it lists none without a link, are left out. outsideAccessStatus (DET-3, PSE-4): the masked
    /// account's answer for the details of such a couple, still listed after it (so not one that ended meanwhile).
    /// </summary>
    private async Task ProbeUnseenCouplesAsync(Wire.Wire wire, ModelUser full, ModelUser? masked, CancellationToken cancellationToken)
    {
        if (masked is null)
        {
            Kept(ProfileSettings.UnseenCouples, "needs an account with Call List and phone masks (;masks=...)");
            Kept(ProfileSettings.OutsideAccessStatus, "needs an account with Call List and phone masks (;masks=...)");
            return;
        }

        const string List = "callrec/restful/couples.xml";
        var before = Wire.Documents.List((await wire.SendAsync(0, HttpMethod.Get, List, cancellationToken: cancellationToken)).Body);
        await wire.LoginAsync(2, masked, cancellationToken);
        var answer = await wire.SendAsync(2, HttpMethod.Get, List, cancellationToken: cancellationToken);
        var mine = answer.Status == 200 ? Wire.Documents.List(answer.Body) : null;
        var outside = before is null || mine is null ? null : before.FirstOrDefault(l => mine.FirstOrDefault(m => m.Id == l.Id) is not { SelfHref: not null });
        var outsideDetails = outside is null ? null : await wire.SendAsync(2, HttpMethod.Get, $"{List}/{outside.Id}", cancellationToken: cancellationToken);
        await wire.LogoutAsync(2, cancellationToken);
        var after = Wire.Documents.List((await wire.SendAsync(0, HttpMethod.Get, List, cancellationToken: cancellationToken)).Body);
        if (outside is null || outsideDetails is null || after is null || after.All(a => a.Id != outside.Id))
        {
            Kept(ProfileSettings.OutsideAccessStatus, mine is null ? $"{masked.Login}'s list is answered {answer.Status}" : $"needs a couple in progress outside {masked.Login}'s phone masks, listed by {full.Login} before and after it is asked for");
        }
        else
        {
            Observe(ProfileSettings.OutsideAccessStatus, outsideDetails.Status is 403 or 404 ? outsideDetails.Status.ToString(CultureInfo.InvariantCulture) : null,
                $"{masked.Login} asking for the details of couple {outside.Id}, outside its phone masks and in progress, gets {outsideDetails.Status}");
        }

        if (before is null || after is null || mine is null)
        {
            Kept(ProfileSettings.UnseenCouples, $"the lists could not be compared ({masked.Login}'s list is answered {answer.Status})");
            return;
        }

        var linkless = mine.Count(l => l.SelfHref is null);
        var leftOut = before.Count(l => after.Any(a => a.Id == l.Id) && mine.All(m => m.Id != l.Id));
        if (full.Masks.Length > 0)
        {
            Kept(ProfileSettings.UnseenCouples, $"needs a main account without phone masks to compare {masked.Login}'s list with ({full.Login} has masks)");
        }
        else if (linkless > 0 && leftOut > 0)
        {
            Kept(ProfileSettings.UnseenCouples, $"{masked.Login}'s list holds {linkless} couple(s) without a self link and leaves out {leftOut} {full.Login} lists: neither value describes that");
        }
        else if (before.Count == 0)
        {
            Kept(ProfileSettings.UnseenCouples, "needs couples in progress");
        }
        else if (linkless > 0)
        {
            Observe(ProfileSettings.UnseenCouples, "listed", $"{masked.Login}'s list holds {linkless} couple(s) without a self link");
        }
        else if (leftOut > 0)
        {
            Observe(ProfileSettings.UnseenCouples, "omitted", $"{masked.Login}'s list leaves out {leftOut} couple(s) {full.Login} lists before and after it, and holds none without a self link");
        }
        else
        {
            Kept(ProfileSettings.UnseenCouples, $"{masked.Login}'s phone masks match every couple in progress, so its list cannot show which");
        }
    }

    /// <summary>linkOrigin (LST-5, DET-2): where the list's self links start, against the scheme, host and port the probe used.</summary>
    private async Task ProbeLinkOriginAsync(Wire.Wire wire, CancellationToken cancellationToken)
    {
        var list = Wire.Documents.List((await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken)).Body);
        var href = list?.Select(l => l.SelfHref).FirstOrDefault(h => h is not null);
        var used = wire.Origin.GetLeftPart(UriPartial.Authority);
        if (href is null)
        {
            Kept(ProfileSettings.LinkOrigin, "needs a couple in progress listed with a self link");
            return;
        }

        var origin = Uri.TryCreate(href, UriKind.Absolute, out var link) && link.Scheme is "http" or "https" ? link.GetLeftPart(UriPartial.Authority) : null;
        Observe(ProfileSettings.LinkOrigin, origin is null ? null : string.Equals(origin, used, StringComparison.OrdinalIgnoreCase) ? "request" : origin,
            $"a self link is '{href}', asked at {used}");
    }

    /// <summary>pausedParameter (PSE-2): 'pause=true' on a couple the kit may pause, which is then put back as found.</summary>
    private async Task ProbePausedReadingAsync(Wire.Wire wire, IReadOnlyList<long> couples, CancellationToken cancellationToken)
    {
        var couple = target.Control is not null ? (couples.Count > 0 ? couples[0] : 0) : pausable.FirstOrDefault(couples.Contains);
        if (couple == 0)
        {
            Kept(ProfileSettings.PausedParameter, "needs --allow-pause and a --couple in progress");
            KeptWhereAndWhich("needs --allow-pause and a --couple in progress");
            return;
        }

        var before = Wire.Documents.Of((await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{couple}", cancellationToken: cancellationToken)).Body)?.Paused;
        if (target.Control is null && before != "false")
        {
            KeptWhereAndWhich("the couple was not recording when probed");
            // A lenient server reads 'pause=true' as paused=false: on a paused couple (an agent's hold) it would record
            // for a moment before being put back, and one whose state cannot be read could not be put back at all.
            Kept(ProfileSettings.PausedParameter, before == "true"
                ? $"couple {couple} is paused now, and 'pause=true' could resume it for a moment on a lenient server; probe again while it records"
                : $"couple {couple}'s details show no paused state, so it could not be put back as found");
            return;
        }

        ownPause = false;
        try
        {
            ownPause = target.Control is null; // until seen otherwise, the misspelt pause may have paused it
            var typo = await wire.SendAsync(0, HttpMethod.Post, $"callrec/restful/couples.xml/{couple}/pausedState", "pause=true", cancellationToken: cancellationToken);
            // The Java reading resumes a recording couple (nothing shows); a recorder that takes 'pause' for 'paused' pauses it.
            var aliased = typo.Status is >= 200 and < 300 && await ShownAsync(wire, couple, "true", cancellationToken) == true;
            if (target.Control is not null && before is "true" or "false" && typo.Status is >= 200 and < 300)
            {
                await RealWorld.PutBackAsync(wire, 0, couple, before == "true", Settle, cancellationToken);
            }
            else if (aliased)
            {
                // A real recorder's couple: only a pause shown is put back (a refusal or a resume of a recording couple
                // changed nothing, and a put-back sent anyway would end a hold an agent put on meanwhile).
                await PutBackOwnPauseAsync(wire, couple, cancellationToken);
            }

            ownPause = false;

            if (aliased)
            {
                Kept(ProfileSettings.PausedParameter, $"'pause=true' is answered {typo.Status} and paused the couple: the recorder reads 'pause' as 'paused', which neither reading describes (PSE-2)");
                await ProbePausedLocationAsync(wire, couple, strict: true, cancellationToken);
                return;
            }

            // A refusal that can only be of a request that changes nothing (a 409, say: unchangedPauseStatus) is the Java
            // reading too: 'pause=true' read as paused=false, a resume of the recording couple.
            var reading = typo.Status == 400 ? "strict" : typo.Status is >= 200 and < 300 || MayRefuseNoChange(typo.Status) ? "jaxrs-lenient" : null;
            Observe(ProfileSettings.PausedParameter, reading, $"'pause=true' is answered {typo.Status}"
                + (MayRefuseNoChange(typo.Status) ? " and the couple still records: read as paused=false, a resume that changes nothing, refused as such" : string.Empty));
            if (reading is null)
            {
                KeptWhereAndWhich("how paused is read could not be told");
                return;
            }

            await ProbePausedLocationAsync(wire, couple, reading == "strict", cancellationToken);
        }
        catch (HeldMeanwhileException)
        {
            // Someone else (an agent's hold) paused the couple while the probe worked: the hold is theirs to end.
            var why = $"couple {couple} no longer showed recording before the probe's next request (the probe had left it recording): it has ended, or someone else paused it (an agent's hold?), which was left alone; probe again while a couple records";
            foreach (var setting in new[] { ProfileSettings.PausedParameter, ProfileSettings.PausedLocation, ProfileSettings.RepeatedPaused, ProfileSettings.UnchangedPauseStatus })
            {
                if (observations[setting] is null)
                {
                    Kept(setting, why);
                }
            }
        }
        catch (OwnPauseStuckException)
        {
            summary.Add($"couple {couple} was paused by the probe and its put-back did not take: it may not be recording: check it and resume it by hand");
            foreach (var setting in new[] { ProfileSettings.PausedParameter, ProfileSettings.PausedLocation, ProfileSettings.RepeatedPaused, ProfileSettings.UnchangedPauseStatus })
            {
                if (observations[setting] is null)
                {
                    Kept(setting, $"the probe's pause of couple {couple} could not be put back, so the probe stopped");
                }
            }
        }
        finally
        {
            // Whatever ended the probe (a fault that persisted, an interruption), the couple goes back as it was found. On a
            // real recorder every step leaves it recording, so a put-back is sent only while one of the probe's own
            // pauses may be in effect: one sent otherwise would end a hold an agent put on meanwhile.
            if (before is "true" or "false" && (target.Control is not null || ownPause))
            {
                try
                {
                    await RealWorld.PutBackAsync(wire, 0, couple, before == "true", Settle, CancellationToken.None);
                }
                catch (Exception e) when (e is Wire.StepFaultException or HttpRequestException or TaskCanceledException)
                {
                    summary.Add($"couple {couple} could not be put back {(before == "true" ? "paused" : "recording")} ({e.Message}): check it");
                }
            }
        }
    }

    /// <summary>
    /// pausedLocation (PSE-3), then repeatedPaused (PSE-2), on the recording couple the kit may pause. Under strict a
    /// resume in each place tells by its status alone (400: not read there) and changes nothing; under jaxrs-lenient a
    /// value where the server does not look reads as false, so only a pause shows it: each is put back at once.
    /// </summary>
    private async Task ProbePausedLocationAsync(Wire.Wire wire, long couple, bool strict, CancellationToken cancellationToken)
    {
        var path = $"callrec/restful/couples.xml/{couple}/pausedState";
        async Task<(int Status, bool? Read)> SendAsync(HttpMethod method, bool inQuery, string parameter)
        {
            await StillRecordingAsync(wire, couple, cancellationToken);
            ownPause = target.Control is null && parameter.Contains("paused=true", StringComparison.Ordinal);
            var answer = await wire.SendAsync(0, method, path + (inQuery ? "?" + parameter : string.Empty), inQuery ? string.Empty : parameter, cancellationToken: cancellationToken);
            if (answer.Status is not (>= 200 and < 300))
            {
                // Refused: nothing changed. Under the Java reading a pause where the value is not read is a resume of the
                // recording couple, which a recorder may refuse as a request that changes nothing (unchangedPauseStatus).
                ownPause = false;
                return (answer.Status, answer.Status == 400 || (!strict && MayRefuseNoChange(answer.Status)) ? false : null);
            }

            if (strict && parameter == "paused=false")
            {
                return (answer.Status, true);
            }

            var shown = await ShownAsync(wire, couple, "true", cancellationToken);
            if (target.Control is not null)
            {
                await RealWorld.PutBackAsync(wire, 0, couple, false, Settle, cancellationToken);
                await ShownAsync(wire, couple, "false", cancellationToken);
            }
            else if (shown != false)
            {
                // Shown paused (or unread): the probe's pause, put back and seen back, as details that lag must not show it
                // at the next place. Shown recording: nothing changed, and no put-back goes out to end someone's hold.
                await PutBackOwnPauseAsync(wire, couple, cancellationToken);
            }

            ownPause = false;
            return (answer.Status, shown);
        }

        var probe = strict ? "paused=false" : "paused=true";
        var post = (await SendAsync(HttpMethod.Post, false, probe)).Read;
        var put = (await SendAsync(HttpMethod.Put, false, probe)).Read;
        var query = (await SendAsync(HttpMethod.Post, true, probe)).Read;
        if (strict && post is not true && put is not true && query is not true)
        {
            // A refusal in every place of a resume of a recording couple may refuse the no-op itself (that it succeeds is
            // PSE-3's inference, unchangedPauseStatus), not the place: a pause, put back at once, tells where the value is read.
            probe = "paused=true";
            post = (await SendAsync(HttpMethod.Post, false, probe)).Read;
            put = (await SendAsync(HttpMethod.Put, false, probe)).Read;
            query = (await SendAsync(HttpMethod.Post, true, probe)).Read;
        }
        var location = (post, put, query) switch
        {
            (true, true, true) => "form-and-query",
            (true, true, false) => "form",
            (false, false, true) => "query",
            (true, false, true) => "post-form-and-query",
            _ => null,
        };
        static string Seen(bool? read) => read switch { true => "is read", false => "is not read", _ => "could not be told" };
        Observe(ProfileSettings.PausedLocation, location, $"'{probe}' in a POST's form body {Seen(post)}, in a PUT's {Seen(put)}, in the query string {Seen(query)}");

        if (post is not true && query is not true)
        {
            Kept(ProfileSettings.RepeatedPaused, "no place was seen where paused is read");
            Kept(ProfileSettings.UnchangedPauseStatus, "no place was seen where paused is read");
            return;
        }

        // PSE-3: a resume of the recording couple, where the value is read, changes nothing.
        await StillRecordingAsync(wire, couple, cancellationToken);
        var noChange = await wire.SendAsync(0, HttpMethod.Post, path + (post is true ? string.Empty : "?paused=false"), post is true ? "paused=false" : string.Empty, cancellationToken: cancellationToken);
        Observe(ProfileSettings.UnchangedPauseStatus, ProfileSettings.Find(ProfileSettings.UnchangedPauseStatus)!.Normalize(noChange.Status.ToString(CultureInfo.InvariantCulture)),
            $"a resume of a recording couple is answered {noChange.Status}");

        // PSE-3: where the query string is read, a resume there in a POST without a body at all (formlessPost): answered as
        // the same request with an empty form, or refused for want of a form. Neither changes the recording couple.
        if (query is true)
        {
            await StillRecordingAsync(wire, couple, cancellationToken);
            var withForm = await wire.SendAsync(0, HttpMethod.Post, path + "?paused=false", string.Empty, cancellationToken: cancellationToken);
            await StillRecordingAsync(wire, couple, cancellationToken);
            var formless = await wire.SendAsync(0, HttpMethod.Post, path + "?paused=false", null, cancellationToken: cancellationToken);
            Observe(ProfileSettings.FormlessPost, formless.Status == withForm.Status ? "read" : formless.Status is 400 or 411 or 415 ? "refused" : null,
                $"a resume in the query string of a POST without a body is answered {formless.Status}, with an empty form {withForm.Status}");
        }

        // Of two values the second is the pause, so a server that reads the first changes nothing.
        var (status, paused) = await SendAsync(HttpMethod.Post, post is not true, "paused=false&paused=true");
        var repeated = status == 400 ? "refused" : status is >= 200 and < 300 ? paused switch { true => "last", false => "first", _ => null } : null;
        static string Answered(string sent, int status, bool? paused) => $"'{sent}' is answered {status}"
            + (status is >= 200 and < 300 ? $" and the couple {paused switch { true => "is paused", false => "still records", _ => "shows no state" }} afterwards" : string.Empty);
        var how = Answered("paused=false&paused=true", status, paused);
        if (repeated == "refused" && noChange.Status == 400)
        {
            // A recorder that refuses a no-op with 400 answers so a reader of the first value too (a resume of the
            // recording couple): the values the other way round pause it where the first is read, and two values that
            // agree on a pause, a change, tell a refusal of differing values from one of any repetition.
            var (reversed, pausedByFirst) = await SendAsync(HttpMethod.Post, post is not true, "paused=true&paused=false");
            how += "; " + Answered("paused=true&paused=false", reversed, pausedByFirst);
            if (reversed is >= 200 and < 300)
            {
                repeated = pausedByFirst == true ? "first" : null;
            }
            else if (reversed == 400)
            {
                var (agreeing, shown) = await SendAsync(HttpMethod.Post, post is not true, "paused=true&paused=true");
                how += "; " + Answered("paused=true&paused=true", agreeing, shown);
                repeated = agreeing == 400 ? "refused-any" : agreeing is >= 200 and < 300 && shown == true ? "refused" : null;
            }
            else
            {
                repeated = null;
            }
        }
        else if (repeated == "refused")
        {
            // Two values that agree: a resume of a recording couple, which changes nothing wherever it is taken.
            await StillRecordingAsync(wire, couple, cancellationToken);
            var agreeing = await wire.SendAsync(0, HttpMethod.Post, path + (post is true ? string.Empty : "?paused=false&paused=false"), post is true ? "paused=false&paused=false" : string.Empty, cancellationToken: cancellationToken);
            // Two agreeing values taken as one resume, which changes nothing: a recorder that refuses a no-op answers as to one.
            // (A 400 to the single no-op too leaves refused-any untold.)
            repeated = agreeing.Status == noChange.Status && noChange.Status is not (>= 200 and < 300) ? (noChange.Status == 400 ? null : "refused")
                : agreeing.Status == 400 ? "refused-any" : agreeing.Status is >= 200 and < 300 ? "refused" : null;
            how += $"; 'paused=false&paused=false' is answered {agreeing.Status}";
        }

        if (repeated == "first" && !strict)
        {
            // Under the Java reading, values joined into one ("false,true", repeatedPaused=joined) read as false too: two
            // values that agree on a pause tell the first from the joined.
            var (agreeing, shown) = await SendAsync(HttpMethod.Post, post is not true, "paused=true&paused=true");
            repeated = agreeing is >= 200 and < 300 ? shown switch { true => "first", false => "joined", _ => null } : null;
            how += "; " + Answered("paused=true&paused=true", agreeing, shown);
        }

        Observe(ProfileSettings.RepeatedPaused, repeated, how);

        if (strict && lag is null && target.Control is null)
        {
            // PSE-1: a strict recorder may have been told by statuses alone, with no pause of the probe's shown yet: one
            // pause where paused is read, put back at once, tells how soon its details show one (for the kit's --settle).
            await SendAsync(HttpMethod.Post, post is not true, "paused=true");
        }
    }

    /// <summary>
    /// A refusal only a request that changes nothing gets: 409 Conflict. Other statuses unchangedPauseStatus allows (a 422,
    /// say) are as often a strict recorder's refusal of a bad value, so they tell nothing of how paused is read.
    /// </summary>
    private static bool MayRefuseNoChange(int status) => status == 409;

    /// <summary>
    /// Puts back a real recorder's couple the probe paused, and waits until its details show it recording; a put-back
    /// refused or not taken is sent once more after a fresh login (the session may have gone). Otherwise the probe stops:
    /// the next read would take its own pause for an agent's hold.
    /// </summary>
    private async Task PutBackOwnPauseAsync(Wire.Wire wire, long couple, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            if (attempt == 2 && mainAccount is not null)
            {
                await wire.LoginAsync(0, mainAccount, cancellationToken);
            }

            await RealWorld.PutBackAsync(wire, 0, couple, false, Settle, cancellationToken);
            if (await ShownAsync(wire, couple, "false", cancellationToken) == true)
            {
                ownPause = false;
                return;
            }
        }

        throw new OwnPauseStuckException();
    }

    private sealed class OwnPauseStuckException() : Exception("the probe's pause could not be put back");

    /// <summary>
    /// On a real recorder an agent may put the couple on hold while the probe works, and each of the probe's requests
    /// could resume it (a resume meant as a no-op, a value read where the probe did not expect it): before each, the
    /// details must still show the couple recording, as the probe left it, or the probe stops and leaves the hold alone.
    /// The simulator's couples are the kit's own.
    /// </summary>
    private async Task StillRecordingAsync(Wire.Wire wire, long couple, CancellationToken cancellationToken)
    {
        if (target.Control is not null)
        {
            return;
        }

        // Read as the probe's own checks read (details that lag get the settle time to show the probe's last put-back).
        if (await ShownAsync(wire, couple, "false", cancellationToken, afterChange: false) is not true)
        {
            throw new HeldMeanwhileException();
        }
    }

    private sealed class HeldMeanwhileException() : Exception("the couple no longer shows recording");

    /// <summary>
    /// Whether the couple comes to show paused=<paramref name="want"/>: the control API where there is one, else its
    /// details, read again while they show the other state (details may show a change late). Right after a request that
    /// may have changed it (<paramref name="afterChange"/>) they are read for as long as the kit's final checks read
    /// (fifteen times --settle): a pause taken but shown after --settle must not be read as a place where paused is not
    /// read, nor be left in place as if someone else had paused (PSE-1 says nothing of how soon details show it, and a
    /// lag seen once may grow). Only a change not shown costs that wait; one that shows ends it.
    /// </summary>
    private async Task<bool?> ShownAsync(Wire.Wire wire, long couple, string want, CancellationToken cancellationToken, bool afterChange = true)
    {
        if (target.Control is { } control)
        {
            return (await control.PausedStatesAsync(cancellationToken)).Where(c => c.Id == couple).Select(c => (bool?)c.Paused).FirstOrDefault() is { } paused
                ? paused == (want == "true")
                : null;
        }

        var patience = afterChange ? Commands.DetailsLag.LongestWait(Settle) : Settle;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var told = false;
        string? shown;
        while (true)
        {
            var details = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{couple}", cancellationToken: cancellationToken);
            shown = details.Status == 200 ? Wire.Documents.Of(details.Body)?.Paused : null;
            if (shown == want && afterChange)
            {
                lag = TimeSpan.FromTicks(Math.Max(lag?.Ticks ?? 0, waited.Elapsed.Ticks));
            }

            if (shown is not ("true" or "false") || shown == want || waited.Elapsed >= patience)
            {
                break;
            }

            if (!told && waited.Elapsed >= Settle && Progress is { } progress)
            {
                told = true;
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  couple {couple}'s details still show paused={(want == "true" ? "false" : "true")} after --settle ({Settle.TotalSeconds:0.#} s): reading them again for up to {patience.TotalSeconds:0} s, as they may show a change late"));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        return shown is "true" or "false" ? shown == want : null;
    }

    private void Observe(string setting, string? value, string how)
    {
        if (value is null || profile.With(setting, value) is not { Profile: { } changed })
        {
            Kept(setting, $"what was seen fits no value: {how}");
            return;
        }

        profile = changed;
        observations[setting] = new JsonObject { ["value"] = value, ["observed"] = true, ["how"] = how };
        summary.Add($"{setting} = {(value.Length == 0 ? "''" : value)}   observed: {how}");
    }

    /// <summary>pausedLocation and repeatedPaused are probed together, after pausedParameter, or not at all.</summary>
    private void KeptWhereAndWhich(string why)
    {
        Kept(ProfileSettings.PausedLocation, why);
        Kept(ProfileSettings.RepeatedPaused, why);
    }

    private void Kept(string setting, string why)
    {
        observations[setting] = new JsonObject { ["value"] = profile[setting], ["observed"] = false, ["how"] = why };
        summary.Add($"{setting} = {(profile[setting].Length == 0 ? "''" : profile[setting])}   default kept: {why}");
    }

    private static string? Status4xx(int status) => status is >= 400 and <= 499 ? status.ToString(CultureInfo.InvariantCulture) : null;

    private static string Redacted(string? setCookie) => setCookie is null ? "no cookie" : System.Text.RegularExpressions.Regex.Replace(setCookie, "JSESSIONID=[0-9A-Fa-f]+", "JSESSIONID=…");
}
