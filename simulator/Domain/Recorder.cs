namespace PauseResume.Simulator.Domain;

/// <summary>
/// The recorder's state: users, sessions and couples with their pause history. It knows nothing about HTTP and
/// answers every request with an explicit outcome. One lock guards all state, so a reader never sees half an
/// update and concurrent pauses and resumes apply in some serial order.
/// </summary>
public sealed class Recorder
{
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly Dictionary<string, User> users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Session> sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<long, CoupleRecord> couples = [];
    private readonly Dictionary<long, CoupleRecord> inProgress = [];
    private readonly CoupleIndex index = new();
    private Random random = new(0);
    private IdSequence coupleIds = new(World.DefaultFirstCoupleId);
    private IdSequence callIds = new(World.DefaultFirstCallId);
    private RecorderProfile profile = RecorderProfile.Default;

    public Recorder(World world, TimeProvider time)
    {
        this.time = time;
        Reset(world);
    }

    public RecorderProfile Profile
    {
        get { lock (gate) { return profile; } }
        set { lock (gate) { profile = value; } }
    }

    /// <summary>Replaces all users, calls, sessions and the profile with those of <paramref name="world"/>.</summary>
    /// <exception cref="ArgumentException">The world has a <see cref="World.Problem"/>; nothing is changed.</exception>
    public void Reset(World world)
    {
        if (world.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(world));
        }

        lock (gate)
        {
            users.Clear();
            sessions.Clear();
            couples.Clear();
            inProgress.Clear();
            index.Clear();
            random = new Random(world.Seed);
            coupleIds = new IdSequence(world.FirstCoupleId);
            callIds = new IdSequence(world.FirstCallId);
            profile = world.Profile;
            foreach (var user in world.Users)
            {
                users[user.Login] = user;
            }

            foreach (var call in world.Calls)
            {
                _ = TryStartCallLocked(call) ?? throw new InvalidOperationException("World.Problem let through a world without ids");
            }
        }
    }

    // ---- sessions (SES) ----

    /// <summary>SES-1..4: every login answers with a fresh session id; only a request with a cookie can log in.</summary>
    public LoginResult Login(string? login, string? password, bool requestCarriedCookie, string? priorSessionId)
    {
        lock (gate)
        {
            // SES-4: the id rotates on every login POST, so an id known before login is never authenticated.
            if (priorSessionId is not null)
            {
                sessions.Remove(priorSessionId);
            }

            var id = NewSessionIdLocked();
            var verdict =
                !requestCarriedCookie ? LoginVerdict.NoCookie
                : string.IsNullOrEmpty(login) || password is null ? LoginVerdict.MissingFields
                : !users.TryGetValue(login, out var user) ? LoginVerdict.UnknownUser
                : !string.Equals(user.Password, password, StringComparison.Ordinal) ? LoginVerdict.WrongPassword
                : LoginVerdict.LoggedIn;
            if (verdict == LoginVerdict.LoggedIn)
            {
                sessions[id] = new Session(id, login!, time.GetUtcNow());
            }

            return new LoginResult(id, verdict, login);
        }
    }

    /// <summary>SES-5: logout ends the session and answers like a login.</summary>
    public LogoutResult Logout(string? sessionId)
    {
        lock (gate)
        {
            var login = sessionId is not null && sessions.Remove(sessionId, out var session) ? session.Login : null;
            return new LogoutResult(NewSessionIdLocked(), login);
        }
    }

    public int SessionCount
    {
        get { lock (gate) { return sessions.Count; } }
    }

    // ---- the Pause/Resume API (LST, DET, PSE) ----

    /// <summary>LST-1..7; a null <paramref name="filter"/> is one the server could not convert (LST-6), refused after the login checks.</summary>
    public ListResult List(string? sessionId, CoupleFilter? filter)
    {
        User user;
        List<Couple> matching;
        int examined;
        lock (gate)
        {
            var (access, authenticated) = AuthenticateLocked(sessionId);
            if (access != Access.Granted || !authenticated!.MayList)
            {
                return new ListResult(access == Access.Granted ? Access.NoCallList : access, authenticated?.Login, [], 0);
            }

            if (filter is null)
            {
                return new ListResult(Access.BadParameter, authenticated.Login, [], 0);
            }

            user = authenticated;
            var candidates = index.Candidates(filter) ?? inProgress.Values.Select(r => r.Couple);
            matching = [];
            examined = 0;
            foreach (var couple in candidates)
            {
                examined++;
                if (filter.Matches(couple))
                {
                    matching.Add(couple);
                }
            }
        }

        // Couples and users are immutable, so the phone masks are matched outside the lock: one user's masks can
        // never make every other request wait (LST-5's links are still those of the state read above).
        var listed = matching.Select(couple => new ListedCouple(couple, user.MaySeeDetails(couple))).ToList();
        listed.Sort((a, b) => a.Couple.Id.CompareTo(b.Couple.Id));
        return new ListResult(Access.Granted, user.Login, listed, examined);
    }

    /// <summary>DET-1..3; a null <paramref name="coupleId"/> is a path the server could not convert, so unknown.</summary>
    public DetailsResult Details(string? sessionId, long? coupleId)
    {
        lock (gate)
        {
            var (access, user, record) = AccessCoupleLocked(sessionId, coupleId);
            return access == Access.Granted
                ? new DetailsResult(access, user!.Login, record!.Snapshot(), user.MayPause(record.Couple))
                : new DetailsResult(access, user?.Login, null, false);
        }
    }

    /// <summary>PSE-1/3/4: pauses or resumes both recordings; <paramref name="paused"/> null is a bad parameter (PSE-2).</summary>
    public PauseResult SetPaused(string? sessionId, long? coupleId, bool? paused)
    {
        lock (gate)
        {
            var (access, user, record) = AccessCoupleLocked(sessionId, coupleId);
            if (access == Access.Granted && !user!.MayPause(record!.Couple))
            {
                access = Access.NoPauseRight;
            }

            if (access == Access.Granted && paused is null)
            {
                access = Access.BadParameter;
            }

            if (access != Access.Granted)
            {
                return new PauseResult(access, user?.Login, false);
            }

            return new PauseResult(access, user!.Login, record!.SetPaused(paused!.Value, user.Login, sessionId!, time.GetUtcNow()));
        }
    }

    // ---- arranging and inspecting (control API, FakeRecorder) ----

    /// <summary>Starts a couple; for code that arranges a test, where running out of ids is a bug.</summary>
    public Couple StartCall(NewCall call) =>
        TryStartCall(call) ?? throw new InvalidOperationException($"no couple id or call id is left (ids stop at {long.MaxValue})");

    /// <summary>Starts a couple, or returns null and changes nothing when no couple id or call id is left.</summary>
    public Couple? TryStartCall(NewCall call)
    {
        lock (gate)
        {
            return TryStartCallLocked(call);
        }
    }

    /// <summary>Ends a couple in progress; false if it is unknown or already ended.</summary>
    public bool EndCall(long coupleId)
    {
        lock (gate)
        {
            if (!inProgress.Remove(coupleId, out var record))
            {
                return false;
            }

            index.Remove(record.Couple);
            record.EndedAt = time.GetUtcNow();
            return true;
        }
    }

    public CoupleState? Find(long coupleId)
    {
        lock (gate)
        {
            return couples.TryGetValue(coupleId, out var record) ? record.Snapshot() : null;
        }
    }

    /// <summary>Every couple this recorder has seen, in id order, optionally with the ended ones.</summary>
    public IReadOnlyList<CoupleState> Couples(bool includeEnded = false)
    {
        lock (gate)
        {
            return (includeEnded ? couples : inProgress).Values.OrderBy(r => r.Couple.Id).Select(r => r.Snapshot()).ToList();
        }
    }

    /// <summary>Adds a user, or replaces the one with the same login (its sessions then have the new rights).</summary>
    public bool PutUser(User user)
    {
        lock (gate)
        {
            var replaced = users.ContainsKey(user.Login);
            users[user.Login] = user;
            return replaced;
        }
    }

    public IReadOnlyList<User> Users()
    {
        lock (gate)
        {
            return users.Values.OrderBy(u => u.Login, StringComparer.Ordinal).ToList();
        }
    }

    private Couple? TryStartCallLocked(NewCall call)
    {
        // Ids never wrap: past long.MaxValue a call is refused rather than given a negative or reused id.
        if (!coupleIds.CanTake || (call.CallId is null && !callIds.CanTake))
        {
            return null;
        }

        var callId = call.CallId ?? callIds.Take();
        callIds.Seen(callId);
        var couple = new Couple(
            coupleIds.Take(), callId, call.Start ?? time.GetUtcNow(), call.CallingNumber, call.CalledNumber,
            call.CallingIp, call.CalledIp, call.Direction, call.Type);
        var record = new CoupleRecord(couple);
        couples[couple.Id] = record;
        inProgress[couple.Id] = record;
        index.Add(couple);
        return couple;
    }

    private (Access, User?, CoupleRecord?) AccessCoupleLocked(string? sessionId, long? coupleId)
    {
        var (access, user) = AuthenticateLocked(sessionId);
        if (access != Access.Granted)
        {
            return (access, user, null);
        }

        if (!user!.MayList)
        {
            return (Access.NoCallList, user, null);
        }

        if (coupleId is not { } id || !inProgress.TryGetValue(id, out var record))
        {
            return (Access.UnknownCouple, user, null);
        }

        return user.MaySeeDetails(record.Couple) ? (Access.Granted, user, record) : (Access.OutsideMasks, user, record);
    }

    private (Access, User?) AuthenticateLocked(string? sessionId)
    {
        if (sessionId is null || !sessions.TryGetValue(sessionId, out var session))
        {
            return (Access.NotLoggedIn, null);
        }

        var now = time.GetUtcNow();
        if (now - session.LastSeen >= profile.SessionIdleTimeout)
        {
            sessions.Remove(sessionId); // SES-6
            return (Access.SessionExpired, null);
        }

        if (!users.TryGetValue(session.Login, out var user))
        {
            sessions.Remove(sessionId);
            return (Access.NotLoggedIn, null);
        }

        sessions[sessionId] = session with { LastSeen = now };
        return (Access.Granted, user);
    }

    private string NewSessionIdLocked()
    {
        Span<byte> bytes = stackalloc byte[16];
        string id;
        do
        {
            random.NextBytes(bytes);
            id = Convert.ToHexString(bytes); // SES-4: 32 upper-case hex digits
        }
        while (sessions.ContainsKey(id));

        return id;
    }
}
