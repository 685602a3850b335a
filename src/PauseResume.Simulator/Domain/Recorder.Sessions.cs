namespace PauseResume.Simulator.Domain;

// Sessions (SES-1..6): logins, logouts, the idle sweep, a restart's end of every session, and the check of the
// session a request names.
public sealed partial class Recorder
{
    /// <summary>
    /// SES-1..5: only a request with a cookie can log in. Which id the answer carries and what a failed login does to
    /// the session its request named are the profile's loginSessionId and failedLoginSession.
    /// </summary>
    public LoginResult Login(string? login, string? password, bool requestCarriedCookie, string? priorSessionId) =>
        Login(login, password, requestCarriedCookie, priorSessionId, Profile);

    /// <summary>
    /// A login under <paramref name="asOf"/>, the profile in force when its request arrived (the one its fields were read
    /// under), so a profile changed meanwhile is never seen half; only the session cap, a bound on memory, is the one in
    /// force now.
    /// </summary>
    internal LoginResult Login(string? login, string? password, bool requestCarriedCookie, string? priorSessionId, RecorderProfile asOf)
    {
        var result = LoginUnnoticed(login, password, requestCarriedCookie, priorSessionId, asOf);
        Notify();
        return result;
    }

    /// <summary>SES-5: logout ends the session's login and answers like a login.</summary>
    public LogoutResult Logout(string? sessionId)
    {
        var result = LogoutUnnoticed(sessionId);
        Notify();
        return result;
    }

    private LoginResult LoginUnnoticed(string? login, string? password, bool requestCarriedCookie, string? priorSessionId, RecorderProfile asOf)
    {
        lock (sessionsGate)
        {
            var result = LoginLocked(login, password, requestCarriedCookie, priorSessionId, asOf);
            return asOf.LoginPage == LoginPage.Token ? result with { PageToken = sessions.NextToken() } : result; // SES-3: one call for the page too
        }
    }

    private LoginResult LoginLocked(string? login, string? password, bool requestCarriedCookie, string? priorSessionId, RecorderProfile asOf)
    {
        var now = time.GetUtcNow();
        var verdict =
            !requestCarriedCookie ? LoginVerdict.NoCookie
            : string.IsNullOrEmpty(login) || password is null ? LoginVerdict.MissingFields
            : !users.TryGetValue(login, out var user) ? LoginVerdict.UnknownUser
            : !string.Equals(user.Password, password, StringComparison.Ordinal) ? LoginVerdict.WrongPassword
            : asOf.SessionsPerUser == SessionsPerUser.FirstWins && sessions.HoldsElsewhere(login, priorSessionId, now, asOf.SessionIdleTimeout) ? LoginVerdict.HeldElsewhere
            : LoginVerdict.LoggedIn;
        var loggedIn = verdict == LoginVerdict.LoggedIn;
        var prior = sessions.Find(priorSessionId, now, asOf.SessionIdleTimeout);
        var replaced = prior?.Login;
        // failedLoginSession, successfulLoginSession: whether the logged-in session the request named stays logged in as it was.
        var keepsLogin = loggedIn ? asOf.SuccessfulLoginSession == SuccessfulLoginSession.Unchanged : asOf.FailedLoginSession == FailedLoginSession.Unchanged;
        if (prior is not null && (asOf.LoginSessionId == LoginSessionId.Kept || (asOf.LoginSessionId == LoginSessionId.OnSuccess && !loggedIn)))
        {
            // The servlet keeps the session it knows: a login that works authenticates that very id (kept), one that
            // fails leaves it as failedLoginSession says (on-success changes the id of a login that works only).
            sessions.Touch(prior, loggedIn ? login : keepsLogin ? prior.Login : null, now);
            return new LoginResult(prior.Id, verdict, login, IdIssued: false, ReplacedLogin: replaced) { EndedElsewhere = EndOthers(loggedIn, login, prior.Id, asOf) };
        }

        if (prior is not null && keepsLogin)
        {
            sessions.Touch(prior, prior.Login, now); // failedLoginSession or successfulLoginSession=unchanged: as before
        }
        else if (prior is not null)
        {
            sessions.Remove(prior.Id); // SES-4: the id rotates, so an id known before login is never authenticated
        }

        if (!loggedIn && asOf.LoginSessionId == LoginSessionId.Fresh && asOf.AnonymousSession == AnonymousSession.None && asOf.LogoutSession != LogoutSession.LoggedOut)
        {
            // Handed out, but nothing to keep: no request can tell (anonymousSession=any-request would open another for it,
            // and under logoutSession=logged-out a logout naming it would set no new one).
            return new LoginResult(sessions.NewId(asOf.JvmRoute), verdict, login, ReplacedLogin: replaced);
        }

        var (session, endedAtCap) = sessions.Add(loggedIn ? login : null, now, asOf, Profile.MaxActiveSessions);
        return new LoginResult(session.Id, verdict, login, EndedAtCap: endedAtCap, ReplacedLogin: replaced) { EndedElsewhere = EndOthers(loggedIn, login, session.Id, asOf) };
    }

    /// <summary>SES-4 (inferred): under sessionsPerUser=one a login that works ends its user's other sessions.</summary>
    private int EndOthers(bool loggedIn, string? login, string kept, RecorderProfile asOf) =>
        loggedIn && asOf.SessionsPerUser == SessionsPerUser.One ? sessions.EndOthersOf(login!, kept) : 0;

    private LogoutResult LogoutUnnoticed(string? sessionId)
    {
        lock (sessionsGate)
        {
            var profile = Profile; // under the lock a lowered cap is set under, so a logout never adds a session beyond it
            var result = LogoutLocked(sessionId, profile);
            return profile.LoginPage == LoginPage.Token && profile.LogoutPage != LogoutPage.Own ? result with { PageToken = sessions.NextToken() } : result;
        }
    }

    private LogoutResult LogoutLocked(string? sessionId, RecorderProfile profile)
    {
        var now = time.GetUtcNow();
        var prior = sessions.Find(sessionId, now, profile.SessionIdleTimeout);
        if (prior is not null && profile.LogoutSession != LogoutSession.Ended)
        {
            // SES-5 (inferred), logoutSession=logged-out: the login ends, the id stays known; the page's session is this one.
            // Under logged-out-new-id the answer is a logout's naming no session: a new session beside it (fresh), or none.
            var loggedOut = prior.Login; // read before the touch, which changes the session in place
            if (profile.LogoutSession == LogoutSession.LoggedOut || profile.LogoutSessionId == LogoutSessionId.None)
            {
                sessions.Touch(prior, null, now);
                return new LogoutResult(prior.Id, loggedOut, IdIssued: false);
            }

            // The new session first: at the cap the one logged out would be the least recently used nobody's, and go.
            var beside = HandOut(profile, now, loggedOut);
            sessions.Touch(prior, null, now);
            return beside;
        }

        if (profile.LogoutSessionId == LogoutSessionId.None)
        {
            // The session is invalidated and no page makes a new one: no cookie in the answer.
            if (prior is not null)
            {
                sessions.Remove(prior.Id);
            }

            return new LogoutResult(string.Empty, prior?.Login, IdIssued: false);
        }

        if (prior is not null)
        {
            sessions.Remove(prior.Id);
        }

        return HandOut(profile, now, prior?.Login);
    }

    /// <summary>The new id a logout's answer sets, with the session it names where a later request could tell it is kept.</summary>
    private LogoutResult HandOut(RecorderProfile profile, DateTimeOffset now, string? loggedOut)
    {
        if (profile.LoginSessionId == LoginSessionId.Fresh && profile.AnonymousSession == AnonymousSession.None && profile.LogoutSession != LogoutSession.LoggedOut)
        {
            // As a failed login's under fresh: nothing to keep, as no request can tell. Under on-success a failed login
            // naming it keeps it (no cookie), and under logoutSession=logged-out a logout naming it sets none, so there it
            // is a session, as a container's is.
            return new LogoutResult(sessions.NewId(profile.JvmRoute), loggedOut);
        }

        var (session, endedAtCap) = sessions.Add(null, now, profile, profile.MaxActiveSessions);
        return new LogoutResult(session.Id, loggedOut, EndedAtCap: endedAtCap);
    }

    /// <summary>The sessions kept now, logged in or (under loginSessionId=kept) not; never more than maxActiveSessions.</summary>
    public int SessionCount
    {
        get { lock (sessionsGate) { return sessions.Count; } }
    }

    /// <summary>SES-6: ends every session idle for the profile's timeout; the host calls it on the simulator's clock.</summary>
    public int SweepExpiredSessions()
    {
        int swept;
        lock (sessionsGate)
        {
            swept = sessions.Sweep(time.GetUtcNow(), Profile.SessionIdleTimeout);
        }

        if (swept > 0)
        {
            Notify();
        }

        return swept;
    }

    // ---- faults (the recorder's surroundings, never its rules) ----

    /// <summary>A recorder restart: every session ends at once, as the servlet container's sessions do; the couples stay.</summary>
    public int EndAllSessions()
    {
        int ended;
        lock (sessionsGate)
        {
            ended = sessions.Count;
            sessions.Clear();
        }

        if (ended > 0)
        {
            Notify(); // after the lock, as every change: the dashboard's sessions empty at once
        }

        return ended;
    }

    /// <summary>
    /// SES-4 (inferred), anonymousSession=any-request or refusals: the id of a session opened for a request that named no
    /// live one, a session not logged in that the next request naming it finds (as then every id a failed login or a logout
    /// hands out is); null where the request named a live session, or under anonymousSession=none.
    /// </summary>
    internal string? OpenAnonymousSession(string? namedSessionId, RecorderProfile asOf)
    {
        if (asOf.AnonymousSession == AnonymousSession.None)
        {
            return null;
        }

        string id;
        lock (sessionsGate)
        {
            var now = time.GetUtcNow();
            if (sessions.Peek(namedSessionId, now, asOf.SessionIdleTimeout) is not null)
            {
                return null;
            }

            id = sessions.Add(null, now, asOf, Profile.MaxActiveSessions).Session.Id;
        }

        Notify(); // a session more on the dashboard
        return id;
    }

    /// <summary>
    /// Whether the session <paramref name="sessionId"/> names is logged in (<see cref="Access.Granted"/>) or why not, as any
    /// request of the API checks it first (under badMethodOrder=after-login, one whose method the path does not take).
    /// </summary>
    internal Access SessionAccess(string? sessionId) => Authenticate(sessionId, Profile.SessionIdleTimeout).Item1;

    /// <summary>Whether <paramref name="sessionId"/> names a live session, logged in or not; it neither touches nor ends it.</summary>
    internal bool Knows(string sessionId)
    {
        lock (sessionsGate)
        {
            return sessions.Peek(sessionId, time.GetUtcNow(), Profile.SessionIdleTimeout) is not null;
        }
    }

    /// <summary>The login of the live session <paramref name="sessionId"/> names, or null; it neither touches nor ends the session.</summary>
    public string? LoginOf(string? sessionId)
    {
        lock (sessionsGate)
        {
            return sessions.Peek(sessionId, time.GetUtcNow(), Profile.SessionIdleTimeout)?.Login;
        }
    }

    /// <summary>
    /// The user the session <paramref name="sessionId"/> names is logged in as, if any, and the couples of the session's
    /// world; under the sessions' lock, held for that alone.
    /// </summary>
    private (Access, User?, CoupleTable) Authenticate(string? sessionId, TimeSpan idleTimeout)
    {
        lock (sessionsGate)
        {
            var (access, user) = AuthenticateLocked(sessionId, idleTimeout);
            return (access, user, couples);
        }
    }

    private (Access, User?) AuthenticateLocked(string? sessionId, TimeSpan idleTimeout)
    {
        var now = time.GetUtcNow();
        var session = sessions.Find(sessionId, now, idleTimeout);
        if (session is null)
        {
            return sessions.TakeEndNote(sessionId) switch
            {
                SessionEnd.Expired => (Access.SessionExpired, null), // SES-6
                SessionEnd.EndedAtCap => (Access.SessionEndedAtCap, null),
                SessionEnd.LoggedInElsewhere => (Access.SessionLoggedInElsewhere, null),
                _ => (Access.NotLoggedIn, null),
            };
        }

        if (session.Login is null || !users.TryGetValue(session.Login, out var user))
        {
            sessions.Touch(session, null, now); // any request keeps a servlet session alive, logged in or not
            return (Access.NotLoggedIn, null);
        }

        sessions.Touch(session, session.Login, now);
        return (Access.Granted, user);
    }
}
