using System.Collections.Concurrent;

namespace PauseResume.Simulator.Domain;

/// <summary>
/// The recorder's state: users, sessions and couples with their pause history. It knows nothing about HTTP and
/// answers every request with an explicit outcome. Three kinds of lock, always taken in this order: the recorder's
/// (starting and ending couples, the index, the users, resets), the sessions' (every session's lookup, use, login and
/// end, held only for those), and each couple's own (<see cref="CoupleRecord"/>: its pauses, resumes and end, so they
/// apply in one serial order per couple). A pause or resume takes the sessions' lock for its session and its couple's
/// lock for the change, never the recorder's: pauses of different couples wait on one another only for the moment
/// their sessions are looked up. A request reads its session, its user and its world's couples' table together under
/// the sessions' lock, and a reset holds both the recorder's lock and the sessions' for its whole length, so a request
/// is judged in one world. A request already past its session's check when a logout or a reset is answered completes
/// (in the world it was judged in), as on a servlet container.
/// </summary>
public sealed class Recorder
{
    /// <summary>
    /// The ended couples kept with their pause history, the latest to end; older ones are forgotten (unknown, 404), so a
    /// simulator left running with traffic costs bounded memory, as the request log and the sessions do.
    /// </summary>
    public const int MaxEndedCouples = 10_000;

    /// <summary>The most users a recorder holds: every add copies the table (lock-free reads), and a login is read from it per request.</summary>
    public const int MaxUsers = 10_000;

    /// <summary>
    /// The most couples in progress a call started through the control API may join: a world file may hold as many (a
    /// million-call world loads), but a client that starts calls without end cannot take the host's memory.
    /// </summary>
    public const int MaxCallsStarted = 1_000_000;

    /// <summary>
    /// The pause intervals kept per couple, the latest; older ones are forgotten and counted, so pausing and resuming one
    /// couple without end costs bounded memory. Its state (paused or not) never depends on a forgotten interval.
    /// </summary>
    public const int MaxPauseIntervals = 1_000;

    private readonly Lock gate = new();
    private readonly Lock sessionsGate = new();
    private readonly TimeProvider time;
    // Never changed once published, so read without a lock; replaced whole (by a reset under the sessions' lock too).
    private volatile Dictionary<string, User> users = new(StringComparer.Ordinal);
    private readonly SessionStore sessions;
    // The couples in progress and the ended ones kept, in one table: a second one for those in progress cost as much
    // again per couple for a million of them, and the ended ones are at most MaxEndedCouples to pass over.
    // A couple never paused nor ended is kept as its Couple alone, its CoupleRecord made when first needed (Record):
    // most couples of a large world are never touched, and a record each was a million more objects to start and keep.
    // Read without the lock by a request, the table it read with its session; couples are added and removed under the
    // lock, and a reset replaces the table under the sessions' lock too. A concurrent table costs a node each, which a
    // Dictionary did not; pauses of different couples need it.
    private volatile CoupleTable couples = new();
    private int inProgressCount;
    private readonly Queue<long> endedOldestFirst = new();
    private readonly CoupleIndex index = new();
    private IdSequence coupleIds = new(World.DefaultFirstCoupleId);
    private IdSequence callIds = new(World.DefaultFirstCallId);
    private RecorderProfile profile = RecorderProfile.Default;
    private long version;

    /// <param name="sessionIds">Where session ids come from: cryptographic unless a test asks for predictable ones by name.</param>
    public Recorder(World world, TimeProvider time, SessionIds? sessionIds = null)
    {
        this.time = time;
        sessions = new SessionStore(sessionIds ?? SessionIds.Cryptographic());
        Reset(world);
    }

    /// <summary>
    /// Raised after the state may have changed (a login, a pause, a call started or ended, a reset...), once the lock is
    /// released, on the thread that changed it: a handler must be quick and must not block (the dashboard only flags
    /// its clients). A request that changes nothing but a session's last use raises nothing.
    /// </summary>
    public event EventHandler? Changed;

    /// <summary>Grows with every <see cref="Changed"/>: a reader that saw the same version has seen the same state.</summary>
    public long Version => Interlocked.Read(ref version);

    public RecorderProfile Profile
    {
        // An immutable record, replaced whole under the lock: a reader needs no lock to see one whole profile, and
        // every list and pause request reads it (a lock here was the most contended point of a busy recorder).
        get => Volatile.Read(ref profile);
        set => ChangeProfile(_ => value);
    }

    /// <summary>
    /// Replaces the profile with what <paramref name="change"/> makes of the one in force, under the lock, so two partial
    /// changes at once each build on the other's; a null from <paramref name="change"/> changes nothing.
    /// </summary>
    internal RecorderProfile? ChangeProfile(Func<RecorderProfile, RecorderProfile?> change)
    {
        RecorderProfile? changed;
        lock (gate)
        {
            changed = change(profile);
            if (changed is null)
            {
                return null;
            }

            profile = changed;
            lock (sessionsGate)
            {
                sessions.Trim(profile.MaxActiveSessions); // a lowered cap holds at once, not at the next login
            }
        }

        Notify();
        return changed;
    }

    /// <summary>Replaces all users, calls, sessions and the profile with those of <paramref name="world"/>.</summary>
    /// <exception cref="ArgumentException">The world has a <see cref="World.Problem"/>; nothing is changed.</exception>
    public void Reset(World world)
    {
        if (world.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(world));
        }

        // Both locks for the whole reset: a request waits for it and is judged in the new world, as it would be after a
        // restart; one judged before it began completes in the old one (the couples' table it read).
        lock (gate)
        {
            lock (sessionsGate)
            {
                ResetLocked(world);
            }
        }

        Notify();
    }

    private void ResetLocked(World world)
    {
        sessions.Clear();
        // A new table, its room made at once: the previous world's goes back as soon as no request reads it.
        couples = new CoupleTable(Environment.ProcessorCount, Math.Max(world.Calls.Count, 31));
        inProgressCount = 0;
        endedOldestFirst.Clear();
        index.Clear();
        index.EnsureCapacity(world.Calls.Count);
        coupleIds = new IdSequence(world.FirstCoupleId);
        callIds = new IdSequence(world.FirstCallId);
        profile = world.Profile;
        users = world.Users.ToDictionary(u => u.Login, StringComparer.Ordinal);
        StartWorldCallsLocked(world.Calls, couples);
    }

    // ---- sessions (SES) ----

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
        var keepsLogin = !loggedIn && asOf.FailedLoginSession == FailedLoginSession.Unchanged;
        if (prior is not null && (asOf.LoginSessionId == LoginSessionId.Kept || (asOf.LoginSessionId == LoginSessionId.OnSuccess && !loggedIn)))
        {
            // The servlet keeps the session it knows: a login that works authenticates that very id (kept), one that
            // fails leaves it as failedLoginSession says (on-success changes the id of a login that works only).
            sessions.Touch(prior, loggedIn ? login : keepsLogin ? prior.Login : null, now);
            return new LoginResult(prior.Id, verdict, login, IdIssued: false, ReplacedLogin: replaced) { EndedElsewhere = EndOthers(loggedIn, login, prior.Id, asOf) };
        }

        if (prior is not null && keepsLogin)
        {
            sessions.Touch(prior, prior.Login, now); // failedLoginSession=unchanged: still logged in, as before
        }
        else if (prior is not null)
        {
            sessions.Remove(prior.Id); // SES-4: the id rotates, so an id known before login is never authenticated
        }

        if (!loggedIn && asOf.LoginSessionId == LoginSessionId.Fresh)
        {
            return new LoginResult(sessions.NewId(asOf.JvmRoute), verdict, login, ReplacedLogin: replaced); // handed out, but nothing to keep
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
        if (profile.LogoutSessionId == LogoutSessionId.None)
        {
            // The session is invalidated and no page makes a new one: no cookie in the answer.
            if (prior is not null)
            {
                sessions.Remove(prior.Id);
            }

            return new LogoutResult(string.Empty, prior?.Login, IdIssued: false);
        }

        if (prior is not null && profile.LoginSessionId == LoginSessionId.Kept)
        {
            var loggedOut = prior.Login; // read before the touch, which changes the session in place
            sessions.Touch(prior, null, now); // the login ends; the id stays known
            return new LogoutResult(prior.Id, loggedOut, IdIssued: false);
        }

        if (prior is not null)
        {
            sessions.Remove(prior.Id);
        }

        if (profile.LoginSessionId != LoginSessionId.Kept)
        {
            return new LogoutResult(sessions.NewId(profile.JvmRoute), prior?.Login);
        }

        var (session, endedAtCap) = sessions.Add(null, now, profile, profile.MaxActiveSessions);
        return new LogoutResult(session.Id, prior?.Login, EndedAtCap: endedAtCap);
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

    // ---- the Pause/Resume API (LST, DET, PSE) ----

    /// <summary>LST-1..7; a null <paramref name="filter"/> is one the server could not convert (LST-6), refused where the profile says.</summary>
    public ListResult List(string? sessionId, CoupleFilter? filter) => List(sessionId, filter, Profile);

    /// <summary>A list under <paramref name="asOf"/>, the profile its filter was read under.</summary>
    internal ListResult List(string? sessionId, CoupleFilter? filter, RecorderProfile asOf)
    {
        User user;
        List<Couple> matching;
        HashSet<long>? seenCalls;
        int examined;
        while (true)
        {
            var (access, authenticated, _, table) = FirstRefusal(CheckOrder.ForList(asOf.BadDirectionOrder), asOf, sessionId, null, badParameter: filter is null);
            if (access != Access.Granted)
            {
                return new ListResult(access, authenticated?.Login, [], 0);
            }

            user = authenticated!;
            lock (gate)
            {
                if (!ReferenceEquals(table, couples))
                {
                    continue; // judged in the world before a reset that has happened since: judged again, in this one
                }

                // The index finds exact values only (of either filter where they are joined by "or"): a match of a start or
                // a part reads every couple.
                var candidates = (asOf.FilterMatch == FilterMatch.Exact ? index.Candidates(filter!, asOf.FilterJoin) : null) ?? InProgressLocked().Select(CoupleOf);
                matching = [];
                examined = 0;
                foreach (var couple in candidates)
                {
                    examined++;
                    if (filter!.Matches(couple, asOf.FilterMatch, asOf.FilterJoin))
                    {
                        matching.Add(couple);
                    }
                }

                if (asOf.FilterScope == FilterScope.Call && matching.Count > 0 && (filter!.PhoneNumber is not null || filter.IpAddress is not null))
                {
                    // LST-4 (inferred: filterScope=call): the other couples in progress of the calls found, read from the
                    // whole world as an unfiltered list is.
                    var calls = matching.Select(c => c.CallId).ToHashSet();
                    var found = matching.Select(c => c.Id).ToHashSet();
                    foreach (var couple in InProgressLocked().Select(CoupleOf))
                    {
                        examined++;
                        if (calls.Contains(couple.CallId) && found.Add(couple.Id))
                        {
                            matching.Add(couple);
                        }
                    }
                }

                seenCalls = CallsSeen(table!, user, asOf); // the calls in progress as the list found them
            }

            break;
        }

        // Couples and users are immutable, so the phone masks are matched outside the lock: one user's masks can
        // never make every other request wait (LST-5's links are still those of the state read above).
        // LST-5 (inferred): a couple the user may not see is listed without a link, or left out (unseenCouples=omitted).
        var listed = new List<ListedCouple>(matching.Count);
        foreach (var couple in matching)
        {
            var maySee = seenCalls?.Contains(couple.CallId) ?? user.MaySeeDetails(couple);
            if (maySee || asOf.UnseenCouples == UnseenCouples.Listed)
            {
                listed.Add(new ListedCouple(couple, maySee));
            }
        }


        listed.Sort((a, b) => a.Couple.Id.CompareTo(b.Couple.Id));
        return new ListResult(Access.Granted, user.Login, listed, examined);
    }

    /// <summary>DET-1..3; a null <paramref name="coupleId"/> is a path the server could not convert, so unknown.</summary>
    public DetailsResult Details(string? sessionId, long? coupleId) => Details(sessionId, coupleId, Profile);

    /// <summary>Details under <paramref name="asOf"/>, the profile the rest of the request is answered under.</summary>
    internal DetailsResult Details(string? sessionId, long? coupleId, RecorderProfile asOf)
    {
        while (true)
        {
            var (access, user, record, table) = FirstRefusal(CheckOrder.ForDetails(asOf.RefusalOrder), asOf, sessionId, coupleId, badParameter: false);
            if (access != Access.Granted)
            {
                return new DetailsResult(access, user?.Login, null, false);
            }

            // A couple that ended since it was found is judged again, as it would be now.
            if (record!.Snapshot() is { InProgress: true } state)
            {
                return new DetailsResult(access, user!.Login, state, user.Permissions.HasFlag(Permissions.PauseAndResumeCalls) && MaySeeDetails(table!, user, record.Couple, asOf));
            }
        }
    }

    /// <summary>PSE-1/3/4: pauses or resumes both recordings; <paramref name="paused"/> null is a bad parameter (PSE-2).</summary>
    public PauseResult SetPaused(string? sessionId, long? coupleId, bool? paused) => SetPaused(sessionId, coupleId, paused, Profile);

    /// <summary>A pause or resume under <paramref name="asOf"/>, the profile its <c>paused</c> parameter was read under.</summary>
    internal PauseResult SetPaused(string? sessionId, long? coupleId, bool? paused, RecorderProfile asOf)
    {
        var checks = CheckOrder.ForPausedState(asOf.RefusalOrder, asOf.BadPausedOrder);
        PauseResult result;
        var callChanged = false;
        while (true)
        {
            var (access, user, record, table) = FirstRefusal(checks, asOf, sessionId, coupleId, badParameter: paused is null);
            if (access != Access.Granted)
            {
                result = new PauseResult(access, user?.Login, false);
                break;
            }

            if (asOf.PauseScope == PauseScope.Call)
            {
                if (SetCallPaused(table!, record!, paused!.Value, user!.Login, sessionId!, asOf) is { } call)
                {
                    (result, callChanged) = (new PauseResult(access, user.Login, call.Named), call.Others);
                    break;
                }

                continue;
            }

            // Under the couple's own lock; a couple that ended since it was found is judged again, as it would be now.
            if (record!.SetPaused(paused!.Value, user!.Login, sessionId!, time, table!.Paused) is { } changed)
            {
                result = new PauseResult(access, user.Login, changed);
                break;
            }
        }

        if (result.Changed || callChanged)
        {
            Notify();
        }

        return result;
    }

    /// <summary>
    /// PSE-1 under pauseScope=call: the pause or resume of <paramref name="named"/>, and the same for every other couple in
    /// progress of its call, as one change: every couple's lock is held, taken in the order of their ids (so two pauses of
    /// one call never wait for each other in a circle), while each changes. The answer is the named couple's (PSE-3): where
    /// one that changes nothing is refused (unchangedPauseStatus 4xx), it changes none of the call's couples either. A scan
    /// of every couple, as an unfiltered list is: the setting is for worlds of test size. Null when the named couple ended
    /// meanwhile (the request is then judged again).
    /// </summary>
    private (bool Named, bool Others)? SetCallPaused(CoupleTable table, CoupleRecord named, bool paused, string login, string sessionId, RecorderProfile asOf)
    {
        var legs = new List<CoupleRecord> { named };
        foreach (var (id, entry) in table)
        {
            if (id != named.Couple.Id && CoupleOf(entry).CallId == named.Couple.CallId && InProgress(entry) && Record(table, id) is { } leg)
            {
                legs.Add(leg);
            }
        }

        legs.Sort((a, b) => a.Couple.Id.CompareTo(b.Couple.Id));
        var held = 0;
        try
        {
            foreach (var leg in legs)
            {
                Monitor.Enter(leg);
                held++;
            }

            if (named.SetPaused(paused, login, sessionId, time, table.Paused) is not { } changed)
            {
                return null;
            }

            var others = false;
            if (changed || asOf.UnchangedPauseStatus < 400)
            {
                foreach (var leg in legs.Where(l => l != named))
                {
                    others |= leg.SetPaused(paused, login, sessionId, time, table.Paused) == true;
                }
            }

            return (changed, others);
        }
        finally
        {
            for (var i = held - 1; i >= 0; i--)
            {
                Monitor.Exit(legs[i]);
            }
        }
    }

    // ---- arranging and inspecting (control API, FakeRecorder) ----

    /// <summary>Starts a couple; for code that arranges a test, where running out of ids is a bug.</summary>
    public Couple StartCall(NewCall call) =>
        TryStartCall(call) ?? throw new InvalidOperationException($"no couple id or call id is left (ids stop at {long.MaxValue})");

    /// <summary>Starts a couple, or returns null and changes nothing when no couple id or call id is left.</summary>
    public Couple? TryStartCall(NewCall call) => TryStartCall(call, int.MaxValue, out _);

    /// <summary>Ends a couple in progress; false if it is unknown or already ended.</summary>
    public bool EndCall(long coupleId) => EndCall(coupleId, expected: null);

    /// <summary>
    /// Ends <paramref name="couple"/> if that very couple is still in progress: a scheduled end never ends another couple
    /// that took its id after a reset.
    /// </summary>
    public bool EndCall(Couple couple)
    {
        ArgumentNullException.ThrowIfNull(couple);
        return EndCall(couple.Id, couple);
    }

    /// <summary>The check and the end under one lock, <see cref="Changed"/> after it (a traffic end must not raise it under the lock).</summary>
    private bool EndCall(long coupleId, Couple? expected)
    {
        var ended = EndCallUnnoticed(coupleId, expected);
        if (ended)
        {
            Notify();
        }

        return ended;
    }

    /// <summary>
    /// Starts a couple without raising <see cref="Changed"/>: for a caller that starts and ends many while holding a lock
    /// of its own (the traffic), and raises it once, after, with <see cref="NotifyChanged"/>.
    /// </summary>
    internal Couple? TryStartCallUnnoticed(NewCall call)
    {
        lock (gate)
        {
            return TryStartCallLocked(call);
        }
    }

    /// <summary>Ends that very couple if it is in progress, without raising <see cref="Changed"/> (see <see cref="TryStartCallUnnoticed"/>).</summary>
    internal bool EndCallUnnoticed(Couple couple) => EndCallUnnoticed(couple.Id, couple);

    /// <summary>Raises <see cref="Changed"/> for the changes made unnoticed; never call it holding a lock a handler may need.</summary>
    internal void NotifyChanged() => Notify();

    private bool EndCallUnnoticed(long coupleId, Couple? expected)
    {
        lock (gate)
        {
            if (!couples.TryGetValue(coupleId, out var entry) || !InProgress(entry) || (expected is not null && !ReferenceEquals(CoupleOf(entry), expected))
                || Record(couples, coupleId) is not { } record || !record.End(time))
            {
                return false;
            }

            inProgressCount--;
            couples.Paused.TryRemove(coupleId, out _); // after its end no pause of it can be taken, so none can add it back
            index.Remove(record.Couple);
            endedOldestFirst.Enqueue(coupleId);
            while (endedOldestFirst.Count > MaxEndedCouples)
            {
                couples.TryRemove(endedOldestFirst.Dequeue(), out _);
            }
        }

        return true;
    }

    public CoupleState? Find(long coupleId) => CouplesOfTheWorld().TryGetValue(coupleId, out var entry) ? Snapshot(entry) : null;

    /// <summary>The couples' table of the world in force, once a reset under way is done.</summary>
    private CoupleTable CouplesOfTheWorld()
    {
        lock (sessionsGate)
        {
            return couples;
        }
    }

    /// <summary>How many couples are in progress, without a snapshot of each (a world may hold a million).</summary>
    internal int CouplesInProgress
    {
        get { lock (gate) { return inProgressCount; } }
    }

    /// <summary>The couples in progress, in id order, optionally with the ended ones kept (the latest <see cref="MaxEndedCouples"/>).</summary>
    public IReadOnlyList<CoupleState> Couples(bool includeEnded = false)
    {
        lock (gate)
        {
            return (includeEnded ? couples.Select(pair => pair.Value) : InProgressLocked()).OrderBy(e => CoupleOf(e).Id).Select(Snapshot).ToList();
        }
    }

    /// <summary>
    /// At most <paramref name="shown"/> couples in progress, the paused first (the highest ids of them), then the latest
    /// started, in id order, and how many are in progress: what the dashboard shows. Its cost does not grow with the
    /// world: the paused couples are found by the table's paused ids, and since ids are handed out upwards the latest
    /// started are the highest ids, found by walking down from the last one (past the ended ones among them). Reading
    /// every couple under the lock held the starts, ends and lists of a million-call world for tens of milliseconds on
    /// every refresh of every open dashboard.
    /// </summary>
    internal (IReadOnlyList<CoupleState> Shown, int InProgress) CouplesShown(int shown)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shown);
        lock (gate)
        {
            var table = couples;
            var paused = new PriorityQueue<CoupleRecord, long>(Math.Min(shown, 4_096) + 1); // the lowest id on top
            foreach (var (id, _) in table.Paused) // enumerated, not copied: a copy of the keys takes every lock of the table
            {
                if (shown > 0 && table.TryGetValue(id, out var entry) && entry is CoupleRecord { InProgress: true, Paused: true } record)
                {
                    if (paused.Count < shown)
                    {
                        paused.Enqueue(record, id);
                    }
                    else
                    {
                        paused.EnqueueDequeue(record, id);
                    }
                }
            }

            // The couples taken as paused are skipped by the walk by id, not by whether they are paused now: a pause or
            // resume meanwhile (under the couple's own lock only) must neither show a couple twice nor leave it out.
            var taken = new HashSet<long>(paused.UnorderedItems.Select(item => item.Priority));
            var states = new List<CoupleState>(Math.Min(shown, inProgressCount));
            foreach (var (record, _) in paused.UnorderedItems)
            {
                states.Add(record.Snapshot());
            }

            // At most as many steps as the table holds entries: past that, the ids walked are mostly of couples dropped
            // long ago (a day of traffic), and one pass over the table costs less.
            var steps = 0L;
            for (var id = coupleIds.Highest ?? long.MinValue; states.Count < shown && id >= coupleIds.First; id--)
            {
                if (++steps > table.Count)
                {
                    return (OnePassLocked(table, shown), inProgressCount);
                }

                if (!taken.Contains(id) && table.TryGetValue(id, out var entry) && InProgress(entry))
                {
                    states.Add(Snapshot(entry));
                }
            }

            states.Sort((a, b) => a.Couple.Id.CompareTo(b.Couple.Id));
            return (states, inProgressCount);
        }
    }

    /// <summary>The same choice as <see cref="CouplesShown"/> in one pass over every couple of the table, keeping the chosen ones.</summary>
    private static List<CoupleState> OnePassLocked(CoupleTable table, int shown)
    {
        var chosen = new PriorityQueue<object, (bool Paused, long Id)>(Math.Min(shown, 4_096) + 1); // the least wanted on top
        foreach (var (id, entry) in table)
        {
            if (!InProgress(entry))
            {
                continue;
            }

            var key = (entry is CoupleRecord { Paused: true }, id);
            if (chosen.Count < shown)
            {
                chosen.Enqueue(entry, key);
            }
            else if (shown > 0)
            {
                chosen.EnqueueDequeue(entry, key);
            }
        }

        var states = chosen.UnorderedItems.Select(item => Snapshot(item.Element)).ToList();
        states.Sort((a, b) => a.Couple.Id.CompareTo(b.Couple.Id));
        return states;
    }

    /// <summary>
    /// Adds a user, or replaces the one with the same login (its sessions then have the new rights). Past
    /// <see cref="MaxUsers"/> a new login is not added.
    /// </summary>
    /// <returns>Whether a user was replaced; null when the user is new and the recorder has <see cref="MaxUsers"/> already.</returns>
    public bool? PutUser(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        bool replaced;
        lock (gate)
        {
            replaced = users.ContainsKey(user.Login);
            if (!replaced && users.Count >= MaxUsers)
            {
                return null;
            }

            users = new Dictionary<string, User>(users, StringComparer.Ordinal) { [user.Login] = user };
        }

        Notify();
        return replaced;
    }

    public IReadOnlyList<User> Users() => [.. users.Values.OrderBy(u => u.Login, StringComparer.Ordinal)];

    /// <summary>
    /// The <paramref name="shown"/> most recently used sessions someone is logged in to, and how many there are; for a
    /// view that must not show their ids whole, and must not hold the sessions' lock to copy every one.
    /// </summary>
    internal (IReadOnlyList<Session> Latest, int Count) LoggedInSessions(int shown)
    {
        ((string Id, string Login, DateTimeOffset LastSeen)[] Latest, int Count) values;
        lock (sessionsGate)
        {
            values = sessions.LoggedIn(shown);
        }

        return ([.. values.Latest.Select(v => new Session(v.Id, v.Login, v.LastSeen))], values.Count);
    }

    /// <summary>The live sessions, most recently used first, as they are now.</summary>
    internal IReadOnlyList<Session> Sessions()
    {
        (string Id, string? Login, DateTimeOffset LastSeen)[] values;
        lock (sessionsGate)
        {
            values = sessions.Snapshot();
        }

        return [.. values.Select(v => new Session(v.Id, v.Login, v.LastSeen))]; // outside the lock every request takes
    }

    /// <summary>Outside the lock, so a handler can read the recorder again and never holds up another request.</summary>
    private void Notify()
    {
        Interlocked.Increment(ref version);
        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>
    /// Starts a world's calls, all at one time (the reset's): a world file's calls from its rows, without making each
    /// call again, since they were checked as they were read. The couples are made in order, then the couples' table and
    /// the index's are filled side by side (see <see cref="FillTablesLocked"/>): a world of a million calls starts a
    /// million couples here.
    /// </summary>
    private void StartWorldCallsLocked(IReadOnlyList<NewCall> calls, CoupleTable table)
    {
        var now = time.GetUtcNow();
        var columns = calls as CallColumns;
        var started = new Couple[calls.Count];
        for (var i = 0; i < started.Length; i++)
        {
            Couple? couple;
            if (columns is not null)
            {
                ref readonly var row = ref columns.RowAt(i);
                couple = NewCoupleLocked(row.CallingNumber, row.CalledNumber, row.CallingIp, row.CalledIp, row.Direction, row.Type, columns.CallIdAt(i), columns.StartAt(i) ?? now);
            }
            else
            {
                var call = calls[i];
                couple = NewCoupleLocked(call.CallingNumber, call.CalledNumber, call.CallingIp, call.CalledIp, call.Direction, call.Type, call.CallId, call.Start ?? now);
            }

            started[i] = couple ?? throw new InvalidOperationException("World.Problem let through a world without ids");
        }

        FillTablesLocked(started, table);
    }

    /// <summary>
    /// Enters <paramref name="started"/> into the couples' table and the index. The five tables share nothing, so for a
    /// large world they are filled at once on the cores there are (each table by one thread, in the couples' order, so
    /// each ends as it would filled alone); a small world's are filled here, where starting threads would cost more.
    /// </summary>
    private void FillTablesLocked(Couple[] started, CoupleTable table)
    {
        if (started.Length < CoupleIndex.FillInParallelFrom)
        {
            foreach (var couple in started)
            {
                RegisterLocked(table, couple);
            }

            return;
        }

        Parallel.Invoke(
            () =>
            {
                foreach (var couple in started)
                {
                    table[couple.Id] = couple;
                }
            },
            () => index.AddAll(started));
        inProgressCount += started.Length;
    }

    /// <summary><see cref="MaxCallsStarted"/>, but in tests of the cap itself.</summary>
    internal int CallsStartedCap { get; set; } = MaxCallsStarted;

    /// <summary>
    /// Starts a couple unless <see cref="MaxCallsStarted"/> couples are in progress already (then null, and
    /// <paramref name="full"/> is true) or no couple id or call id is left (null).
    /// </summary>
    internal Couple? TryStartCallUnderCap(NewCall call, out bool full) => TryStartCall(call, CallsStartedCap, out full);

    private Couple? TryStartCall(NewCall call, int cap, out bool full)
    {
        Couple? couple;
        lock (gate)
        {
            full = inProgressCount >= cap;
            couple = full ? null : TryStartCallLocked(call);
        }

        if (couple is not null)
        {
            Notify();
        }

        return couple;
    }

    private Couple? TryStartCallLocked(NewCall call)
    {
        var couple = NewCoupleLocked(call.CallingNumber, call.CalledNumber, call.CallingIp, call.CalledIp, call.Direction, call.Type, call.CallId, call.Start ?? time.GetUtcNow());
        if (couple is not null)
        {
            RegisterLocked(couples, couple);
        }

        return couple;
    }

    // The values are a NewCall's, so already checked: a world file's rows hold only values its reader checked as NewCall does.
    private Couple? NewCoupleLocked(
        string callingNumber, string calledNumber, string? callingIp, string? calledIp, Direction direction, CoupleType type, long? givenCallId, DateTimeOffset start)
    {
        // Ids never wrap: past long.MaxValue a call is refused rather than given a negative or reused id.
        if (!coupleIds.CanTake || (givenCallId is null && !callIds.CanTake))
        {
            return null;
        }

        var callId = givenCallId ?? callIds.Take();
        callIds.Seen(callId);
        return new Couple(coupleIds.Take(), callId, start, callingNumber, calledNumber, callingIp, calledIp, direction, type);
    }

    private void RegisterLocked(CoupleTable table, Couple couple)
    {
        table[couple.Id] = couple;
        inProgressCount++;
        index.Add(couple);
    }

    // Under the lock no couple is added or removed; a record may replace a couple's entry meanwhile, which changes nothing.
    private IEnumerable<object> InProgressLocked() => couples.Select(pair => pair.Value).Where(InProgress);

    /// <summary>The record of couple <paramref name="id"/>, made now if the couple had none yet; null for an unknown id.</summary>
    private static CoupleRecord? Record(CoupleTable table, long id)
    {
        while (table.TryGetValue(id, out var entry))
        {
            if (entry is CoupleRecord record)
            {
                return record;
            }

            var made = new CoupleRecord((Couple)entry);
            if (table.TryUpdate(id, made, entry))
            {
                return made;
            }
        }

        return null;
    }

    private static Couple CoupleOf(object entry) => entry as Couple ?? ((CoupleRecord)entry).Couple;

    // A couple without a record was never ended.
    private static bool InProgress(object entry) => entry is Couple || ((CoupleRecord)entry).InProgress;

    // A couple without a record has the state a fresh record gives it: never paused, in progress.
    private static CoupleState Snapshot(object entry) => entry is CoupleRecord record ? record.Snapshot() : new((Couple)entry, [], null);

    /// <summary>Runs <paramref name="checks"/> in order: the first that fails is the refusal; none failing grants the request.</summary>
    private (Access, User?, CoupleRecord?, CoupleTable?) FirstRefusal(
        IReadOnlyList<AccessCheck> checks, RecorderProfile asOf, string? sessionId, long? coupleId, bool badParameter)
    {
        CoupleTable? table = null; // the couples of the session's world, read with the session
        User? user = null;
        CoupleRecord? record = null;
        foreach (var check in checks)
        {
            var access = Access.Granted;
            switch (check)
            {
                case AccessCheck.Login:
                    (access, user, table) = Authenticate(sessionId, asOf.SessionIdleTimeout);
                    break;
                case AccessCheck.Parameter when badParameter:
                    access = Access.BadParameter;
                    break;
                case AccessCheck.CallList when !user!.MayList:
                    access = Access.NoCallList;
                    break;
                case AccessCheck.CoupleInProgress:
                    record = coupleId is { } id && table!.TryGetValue(id, out var found) && InProgress(found) ? Record(table, id) : null;
                    access = record is null ? Access.UnknownCouple : Access.Granted;
                    break;
                case AccessCheck.PhoneMasks when record is not null ? !MaySeeDetails(table!, user!, record.Couple, asOf) : !MaySee(table!, user!, coupleId, asOf):
                    access = Access.OutsideMasks;
                    break;
                case AccessCheck.PauseRight when !user!.Permissions.HasFlag(Permissions.PauseAndResumeCalls):
                    access = Access.NoPauseRight;
                    break;
            }

            if (access != Access.Granted)
            {
                return (access, user, record, table);
            }
        }

        return (Access.Granted, user, record, table);
    }

    // Masks checked before "is it in progress" (refusalOrder=masks-first) are matched against the couples in progress, so
    // a couple that is not (unknown, or ended) has no number within a user's masks.
    private static bool MaySee(CoupleTable table, User user, long? coupleId, RecorderProfile asOf) =>
        coupleId is { } id && table.TryGetValue(id, out var entry) && InProgress(entry)
            ? MaySeeDetails(table, user, CoupleOf(entry), asOf)
            : user.PhoneMasks.Count == 0;

    /// <summary>
    /// LST-5 (inferred): whether <paramref name="user"/> may see <paramref name="couple"/>'s details: its own numbers within
    /// the phone masks, or under maskScope=call those of any couple in progress of its call (a scan of every couple, as an
    /// unfiltered list is: the setting is for worlds of test size).
    /// </summary>
    private static bool MaySeeDetails(CoupleTable table, User user, Couple couple, RecorderProfile asOf) =>
        user.MaySeeDetails(couple)
        || (asOf.MaskScope == MaskScope.Call && user.MayList
            && table.Any(pair => pair.Key != couple.Id && InProgress(pair.Value) && CoupleOf(pair.Value) is var other && other.CallId == couple.CallId && user.MaySeeDetails(other)));

    /// <summary>Under maskScope=call, the calls of which a couple in progress is within <paramref name="user"/>'s masks; otherwise null (each couple is judged alone).</summary>
    private static HashSet<long>? CallsSeen(CoupleTable table, User user, RecorderProfile asOf) =>
        asOf.MaskScope == MaskScope.Call && user.PhoneMasks.Count > 0
            ? [.. table.Values.Where(InProgress).Select(CoupleOf).Where(user.MaySeeDetails).Select(c => c.CallId)]
            : null;

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
