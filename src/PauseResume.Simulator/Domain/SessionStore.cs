namespace PauseResume.Simulator.Domain;

/// <summary>
/// The live servlet sessions, least recently used first, and a note of why recently ended logged-in sessions ended.
/// Memory stays bounded: idle sessions are swept (SES-6), at most the profile's maxActiveSessions are live (the least
/// recently used one nobody is logged in to, else the login's own least recently used, else the least recently used, ends
/// to make room, as a login that works must still work), and the notes are capped.
/// Not synchronised: the <see cref="Recorder"/> calls it under its sessions lock, so a reader never sees half an update.
/// </summary>
internal sealed class SessionStore(SessionIds ids)
{
    /// <summary>Enough notes to explain a 403 to every client of a busy test run; older sessions just read as unknown.</summary>
    private const int EndNotesKept = 10_000;

    private readonly Dictionary<string, LinkedListNode<Session>> live = new(StringComparer.Ordinal);
    private readonly LinkedList<Session> leastRecentlyUsedFirst = new();

    // Each login's live sessions, least recently used first: a login's flood of logins at the cap ends its own sessions.
    private readonly Dictionary<string, LinkedList<Session>> byLogin = new(StringComparer.Ordinal);

    // The live sessions nobody is logged in to (kept under loginSessionId=kept or on-success), least recently used first:
    // the cap ends the first of them without a walk past every logged-in session (which, once per session ended, made
    // lowering the cap take minutes, and every new session at the cap a walk of all, under the sessions lock).
    private readonly LinkedList<Session> nobodys = new();
    private readonly Dictionary<string, SessionEnd> endNotes = new(StringComparer.Ordinal);
    private readonly Queue<string> endNotesOldestFirst = new();

    public int Count => live.Count;

    /// <summary>SES-3 under loginPage=token: a page's token, from the source of the session ids.</summary>
    public string NextToken() => ids.NextToken();

    /// <summary>
    /// How many live sessions someone is logged in to, and the values of the <paramref name="shown"/> most recently used
    /// of them: what a view shows, copied without a copy of every session.
    /// </summary>
    public ((string Id, string Login, DateTimeOffset LastSeen)[] Latest, int Count) LoggedIn(int shown)
    {
        // Counted, not walked: the dashboard asks on every event, and a cap of many thousand sessions made each ask a
        // walk of all of them under the lock every login and request takes.
        var count = live.Count - nobodys.Count;
        var latest = new List<(string, string, DateTimeOffset)>(Math.Min(shown, count));
        for (var node = leastRecentlyUsedFirst.Last; node is not null && latest.Count < shown; node = node.Previous)
        {
            if (node.Value.Login is { } login)
            {
                latest.Add((node.Value.Id, login, node.Value.LastSeen));
            }
        }

        return ([.. latest], count);
    }

    /// <summary>The live sessions as they are now, most recently used first: values only, copied in one pass.</summary>
    public (string Id, string? Login, DateTimeOffset LastSeen)[] Snapshot()
    {
        var copy = new (string, string?, DateTimeOffset)[live.Count];
        var i = 0;
        for (var node = leastRecentlyUsedFirst.Last; node is not null; node = node.Previous)
        {
            copy[i++] = (node.Value.Id, node.Value.Login, node.Value.LastSeen);
        }

        return copy;
    }

    /// <summary>The live session <paramref name="id"/> names; one idle for <paramref name="idleTimeout"/> is ended first (SES-6).</summary>
    public Session? Find(string? id, DateTimeOffset now, TimeSpan idleTimeout)
    {
        if (id is null || !live.TryGetValue(id, out var node))
        {
            return null;
        }

        if (now - node.Value.LastSeen >= idleTimeout)
        {
            End(node, SessionEnd.Expired);
            return null;
        }

        return node.Value;
    }

    /// <summary>The live session <paramref name="id"/> names, not idle past <paramref name="idleTimeout"/>; nothing changes.</summary>
    public Session? Peek(string? id, DateTimeOffset now, TimeSpan idleTimeout) =>
        id is not null && live.TryGetValue(id, out var node) && now - node.Value.LastSeen < idleTimeout ? node.Value : null;

    /// <summary>Why the logged-in session <paramref name="id"/> ended, told once; null if the store has no note of it.</summary>
    public SessionEnd? TakeEndNote(string? id) => id is not null && endNotes.Remove(id, out var end) ? end : null;

    /// <summary>
    /// Records a request in <paramref name="session"/>, now logged in as <paramref name="login"/> (null: not logged in).
    /// It changes the session in place: what the caller needs of it from before, it reads first.
    /// </summary>
    public void Touch(Session session, string? login, DateTimeOffset now)
    {
        var node = session.Place!;
        if (session.LoginPlace is { } mine && session.Login == login)
        {
            var sameLogin = mine.List!;
            sameLogin.Remove(mine);
            sameLogin.AddLast(mine);
            node.Value.Use(login, now);
        }
        else
        {
            Delist(session);
            node.Value.Use(login, now);
            Enlist(session);
        }

        leastRecentlyUsedFirst.Remove(node);
        leastRecentlyUsedFirst.AddLast(node);
    }

    /// <summary>
    /// A new session under a new id; at <paramref name="maxActiveSessions"/>, the least recently used session ends to make
    /// room. The cap is apart from <paramref name="profile"/>: it is the one in force now, whatever profile the request had.
    /// </summary>
    public (Session Session, EndedSession? EndedAtCap) Add(string? login, DateTimeOffset now, RecorderProfile profile, int maxActiveSessions)
    {
        Sweep(now, profile.SessionIdleTimeout);
        if (login is null && nobodys.Count == 0 && live.Count >= maxActiveSessions)
        {
            // Every place holds a login: a request that logs nobody in ends none of them (GEN-3), it gets an id not kept.
            return (new Session(NewId(profile.JvmRoute), null, now), null);
        }

        EndedSession? endedAtCap = null;
        while (live.Count >= maxActiveSessions && AtCap(login) is { } victim)
        {
            endedAtCap = new EndedSession(victim.Value.Login);
            End(victim, SessionEnd.EndedAtCap);
        }

        var session = new Session(NewId(profile.JvmRoute), login, now);
        session.Place = leastRecentlyUsedFirst.AddLast(session);
        Enlist(session);
        live[session.Id] = session.Place;
        return (session, endedAtCap);
    }

    /// <summary>
    /// Whether <paramref name="login"/> is logged in in a live session other than <paramref name="named"/>, not idle past
    /// <paramref name="idleTimeout"/> (sessionsPerUser=first-wins); nothing changes.
    /// </summary>
    public bool HoldsElsewhere(string login, string? named, DateTimeOffset now, TimeSpan idleTimeout) =>
        byLogin.TryGetValue(login, out var sessions) && sessions.Any(s => s.Id != named && now - s.LastSeen < idleTimeout);

    /// <summary>Ends every logged-in session of <paramref name="login"/> but <paramref name="kept"/> (sessionsPerUser=one); how many.</summary>
    public int EndOthersOf(string login, string kept)
    {
        var others = byLogin.GetValueOrDefault(login)?.Where(s => s.Id != kept).Select(s => s.Place!).ToList() ?? [];
        foreach (var node in others)
        {
            End(node, SessionEnd.LoggedInElsewhere);
        }

        return others.Count;
    }

    /// <summary>Ends every session <paramref name="login"/> is logged in to (its password changed); how many.</summary>
    public int EndAllOf(string login)
    {
        var all = byLogin.GetValueOrDefault(login)?.Select(s => s.Place!).ToList() ?? [];
        foreach (var node in all)
        {
            End(node, SessionEnd.PasswordChanged);
        }

        return all.Count;
    }

    /// <summary>An id no live or recently ended session has, for an answer that hands out an id without keeping a session.</summary>
    public string NewId(string jvmRoute)
    {
        string id;
        do
        {
            id = ids.Next(jvmRoute);
        }
        while (live.ContainsKey(id) || endNotes.ContainsKey(id));

        return id;
    }

    public void Remove(string id)
    {
        if (live.Remove(id, out var node))
        {
            leastRecentlyUsedFirst.Remove(node);
            Delist(node.Value);
        }
    }

    /// <summary>Ends every session idle for <paramref name="idleTimeout"/> (SES-6); they are the least recently used ones.</summary>
    public int Sweep(DateTimeOffset now, TimeSpan idleTimeout)
    {
        var swept = 0;
        while (leastRecentlyUsedFirst.First is { } oldest && now - oldest.Value.LastSeen >= idleTimeout)
        {
            End(oldest, SessionEnd.Expired);
            swept++;
        }

        return swept;
    }

    /// <summary>Ends the least recently used sessions until at most <paramref name="maxActiveSessions"/> are live.</summary>
    public void Trim(int maxActiveSessions)
    {
        while (live.Count > maxActiveSessions && AtCap(null) is { } victim)
        {
            End(victim, SessionEnd.EndedAtCap);
        }
    }

    /// <summary>
    /// The session the cap ends for a new one of <paramref name="login"/>: the least recently used one nobody is logged in
    /// to, else the least recently used of <paramref name="login"/>'s own, else the least recently used. So requests that
    /// log nobody in (a flood of logouts under loginSessionId=kept) never end a client's login: where every place holds
    /// one, <see cref="Add"/> keeps no session for them; and one account's flood of logins that work ends its own
    /// sessions, not every other user's (GEN-3).
    /// </summary>
    private LinkedListNode<Session>? AtCap(string? login) =>
        nobodys.First?.Value.Place ?? (login is null ? null : byLogin.GetValueOrDefault(login)?.First?.Value.Place) ?? leastRecentlyUsedFirst.First;

    private void Enlist(Session session)
    {
        var sessions = nobodys;
        if (session.Login is { } login && !byLogin.TryGetValue(login, out sessions))
        {
            byLogin[login] = sessions = new LinkedList<Session>();
        }

        session.LoginPlace = sessions.AddLast(session);
    }

    private void Delist(Session session)
    {
        if (session.LoginPlace is not { } mine)
        {
            return;
        }

        var sessions = mine.List!;
        sessions.Remove(mine);
        session.LoginPlace = null;
        if (sessions.Count == 0 && session.Login is { } login)
        {
            byLogin.Remove(login);
        }
    }

    /// <summary>Ends every session; the id generator goes on, so no id handed out before comes back.</summary>
    public void Clear()
    {
        live.Clear();
        leastRecentlyUsedFirst.Clear();
        byLogin.Clear();
        nobodys.Clear();
        endNotes.Clear();
        endNotesOldestFirst.Clear();
    }

    private void End(LinkedListNode<Session> node, SessionEnd why)
    {
        live.Remove(node.Value.Id);
        leastRecentlyUsedFirst.Remove(node);
        Delist(node.Value);
        if (node.Value.Login is null)
        {
            return; // a session nobody was logged in to needs no explanation later
        }

        endNotes[node.Value.Id] = why;
        endNotesOldestFirst.Enqueue(node.Value.Id);
        while (endNotesOldestFirst.Count > EndNotesKept)
        {
            endNotes.Remove(endNotesOldestFirst.Dequeue());
        }
    }
}
