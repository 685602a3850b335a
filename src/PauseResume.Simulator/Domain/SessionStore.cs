using System.Collections.Concurrent;

namespace PauseResume.Simulator.Domain;

/// <summary>
/// The live servlet sessions and a note of why recently ended logged-in sessions ended. Memory stays bounded: idle
/// sessions are swept (SES-6), at most the profile's maxActiveSessions are live (the least recently used one nobody is
/// logged in to, else the least recently used, ends to make room, as a login that works must still work), and the notes
/// are capped.
/// A request finds its session and records its use without a lock (<see cref="Lookup"/>, <see cref="Use"/>), so
/// requests in different sessions never wait on one another; everything else changes the store and runs under the
/// <see cref="Recorder"/>'s lock. Which session was least recently used is worked out only when the cap needs it: the
/// oldest few are picked out in one pass over the sessions and taken one by one while none of them is used again.
/// </summary>
internal sealed class SessionStore(SessionIds ids)
{
    /// <summary>Enough notes to explain a 403 to every client of a busy test run; older sessions just read as unknown.</summary>
    private const int EndNotesKept = 10_000;

    private readonly ConcurrentDictionary<string, Session> live = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SessionEnd> endNotes = new(StringComparer.Ordinal);
    private readonly Queue<string> endNotesOldestFirst = new();
    private readonly OldestFirst oldest = new(_ => true);
    private readonly OldestFirst oldestAnonymous = new(s => s.Login is null);
    private long uses;
    private int count;
    private int anonymous; // live sessions nobody is logged in to (kept under loginSessionId=kept)

    public int Count => Volatile.Read(ref count);

    /// <summary>The live sessions, most recently used first.</summary>
    public IReadOnlyList<Session> Snapshot() => [.. live.Select(pair => pair.Value).OrderByDescending(s => s.LastUse)];

    /// <summary>The session <paramref name="id"/> names, live or idle past its timeout; without a lock, and nothing changes.</summary>
    public Session? Lookup(string? id) => id is not null && live.TryGetValue(id, out var session) ? session : null;

    /// <summary>Records a request in <paramref name="session"/>; without a lock.</summary>
    public void Use(Session session, DateTimeOffset now) => session.Use(now, Interlocked.Increment(ref uses));

    /// <summary>The live session <paramref name="id"/> names; one idle for <paramref name="idleTimeout"/> is ended first (SES-6).</summary>
    public Session? Find(string? id, DateTimeOffset now, TimeSpan idleTimeout)
    {
        if (Lookup(id) is not { } session)
        {
            return null;
        }

        if (now - session.LastSeen >= idleTimeout)
        {
            End(session, SessionEnd.Expired);
            return null;
        }

        return session;
    }

    /// <summary>The live session <paramref name="id"/> names, not idle past <paramref name="idleTimeout"/>; nothing changes.</summary>
    public Session? Peek(string? id, DateTimeOffset now, TimeSpan idleTimeout) =>
        Lookup(id) is { } session && now - session.LastSeen < idleTimeout ? session : null;

    /// <summary>Why the logged-in session <paramref name="id"/> ended, told once; null if the store has no note of it.</summary>
    public SessionEnd? TakeEndNote(string? id) => id is not null && endNotes.Remove(id, out var end) ? end : null;

    /// <summary>Records a request in <paramref name="session"/>, now logged in as <paramref name="login"/> (null: not logged in).</summary>
    public Session Touch(Session session, string? login, DateTimeOffset now)
    {
        anonymous += (login is null ? 1 : 0) - (session.Login is null ? 1 : 0);
        session.Login = login;
        Use(session, now);
        return session;
    }

    /// <summary>
    /// A new session under a new id; at <paramref name="maxActiveSessions"/>, sessions idle for the profile's timeout end
    /// (SES-6), then the least recently used session ends to make room. The cap is apart from <paramref name="profile"/>:
    /// it is the one in force now, whatever profile the request had.
    /// </summary>
    public (Session Session, EndedSession? EndedAtCap) Add(string? login, DateTimeOffset now, RecorderProfile profile, int maxActiveSessions)
    {
        while (count >= maxActiveSessions && oldest.Next(live) is { } idle && now - idle.LastSeen >= profile.SessionIdleTimeout)
        {
            End(idle, SessionEnd.Expired);
        }

        EndedSession? endedAtCap = null;
        while (count >= maxActiveSessions && AtCap() is { } victim)
        {
            endedAtCap = new EndedSession(victim.Login);
            End(victim, SessionEnd.EndedAtCap);
        }

        var session = new Session(NewId(profile.JvmRoute), login, now, Interlocked.Increment(ref uses));
        live[session.Id] = session;
        count++;
        anonymous += login is null ? 1 : 0;
        return (session, endedAtCap);
    }

    /// <summary>
    /// Whether <paramref name="login"/> is logged in in a live session other than <paramref name="named"/>, not idle past
    /// <paramref name="idleTimeout"/> (sessionsPerUser=first-wins); nothing changes.
    /// </summary>
    public bool HoldsElsewhere(string login, string? named, DateTimeOffset now, TimeSpan idleTimeout) =>
        live.Any(pair => pair.Value.Login == login && pair.Key != named && now - pair.Value.LastSeen < idleTimeout);

    /// <summary>Ends every logged-in session of <paramref name="login"/> but <paramref name="kept"/> (sessionsPerUser=one); how many.</summary>
    public int EndOthersOf(string login, string kept)
    {
        var others = live.Select(pair => pair.Value).Where(s => s.Login == login && s.Id != kept).ToList();
        foreach (var session in others)
        {
            End(session, SessionEnd.LoggedInElsewhere);
        }

        return others.Count;
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
        if (live.TryRemove(id, out var session))
        {
            count--;
            anonymous -= session.Login is null ? 1 : 0;
        }
    }

    /// <summary>Ends every session idle for <paramref name="idleTimeout"/> (SES-6): one pass over the live sessions.</summary>
    public int Sweep(DateTimeOffset now, TimeSpan idleTimeout)
    {
        var idle = live.Select(pair => pair.Value).Where(s => now - s.LastSeen >= idleTimeout).ToList();
        foreach (var session in idle)
        {
            End(session, SessionEnd.Expired);
        }

        return idle.Count;
    }

    /// <summary>Ends the least recently used sessions until at most <paramref name="maxActiveSessions"/> are live.</summary>
    public void Trim(int maxActiveSessions)
    {
        while (count > maxActiveSessions && AtCap() is { } victim)
        {
            End(victim, SessionEnd.EndedAtCap);
        }
    }

    /// <summary>
    /// The session the cap ends: the least recently used one nobody is logged in to, else the least recently used. So
    /// requests that log nobody in (a flood of logouts under loginSessionId=kept) never end a client's login.
    /// </summary>
    private Session? AtCap() => (anonymous > 0 ? oldestAnonymous.Next(live) : null) ?? oldest.Next(live);

    /// <summary>Ends every session; the id generator goes on, so no id handed out before comes back.</summary>
    public void Clear()
    {
        live.Clear();
        count = 0;
        anonymous = 0;
        endNotes.Clear();
        endNotesOldestFirst.Clear();
        oldest.Forget();
        oldestAnonymous.Forget();
    }

    private void End(Session session, SessionEnd why)
    {
        if (!live.TryRemove(new KeyValuePair<string, Session>(session.Id, session)))
        {
            return;
        }

        count--;
        if (session.Login is null)
        {
            anonymous--;
            return; // a session nobody was logged in to needs no explanation later
        }

        endNotes[session.Id] = why;
        endNotesOldestFirst.Enqueue(session.Id);
        while (endNotesOldestFirst.Count > EndNotesKept)
        {
            endNotes.Remove(endNotesOldestFirst.Dequeue());
        }
    }

    /// <summary>
    /// The least recently used of the live sessions that <paramref name="eligible"/> takes, without keeping them in order
    /// on every use: one pass picks out the <see cref="Batch"/> least recently used, and each is the least recently used
    /// of all while it is live, still eligible and not used since (every later use is numbered above every use seen in
    /// the pass). When none of them is left, another pass.
    /// </summary>
    private sealed class OldestFirst(Func<Session, bool> eligible)
    {
        private const int Batch = 256;

        private (Session Session, long Use)[] batch = [];
        private int next;

        /// <summary>The least recently used eligible session, or null when there is none; it stays live.</summary>
        public Session? Next(ConcurrentDictionary<string, Session> live)
        {
            for (var pass = 0; pass < 2; pass++)
            {
                for (; next < batch.Length; next++)
                {
                    var (session, use) = batch[next];
                    if (session.LastUse == use && eligible(session) && live.TryGetValue(session.Id, out var found) && ReferenceEquals(found, session))
                    {
                        return session;
                    }
                }

                Refill(live);
            }

            return null;
        }

        public void Forget()
        {
            batch = [];
            next = 0;
        }

        private void Refill(ConcurrentDictionary<string, Session> live)
        {
            var newestOnTop = new PriorityQueue<(Session, long), long>(Batch, Comparer<long>.Create((a, b) => b.CompareTo(a)));
            foreach (var (_, session) in live)
            {
                var use = session.LastUse;
                if (!eligible(session))
                {
                    continue;
                }

                if (newestOnTop.Count < Batch)
                {
                    newestOnTop.Enqueue((session, use), use);
                }
                else if (newestOnTop.TryPeek(out _, out var newest) && use < newest)
                {
                    newestOnTop.DequeueEnqueue((session, use), use);
                }
            }

            batch = new (Session, long)[newestOnTop.Count];
            for (var i = batch.Length - 1; i >= 0; i--)
            {
                batch[i] = newestOnTop.Dequeue();
            }

            next = 0;
        }
    }
}
