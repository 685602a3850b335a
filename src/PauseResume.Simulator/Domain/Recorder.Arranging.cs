namespace PauseResume.Simulator.Domain;

// Arranging and inspecting a world (the control API, FakeRecorder): calls started and ended, users, and what the
// dashboard and the audit read.
public sealed partial class Recorder
{
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

    /// <summary>
    /// How much the world in force holds, in couples and pause intervals: what a reset gives back (the control API then has
    /// the memory returned to the system, which a collector that sees no new allocation after it does not do by itself).
    /// </summary>
    internal long Held
    {
        get
        {
            var table = CouplesOfTheWorld();
            return table.Count + (long)table.History.Count;
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
    /// At most <paramref name="limit"/> couples with ids above <paramref name="after"/>, in id order (in progress, or also the
    /// ended ones kept), and whether more follow: a page of the control API's list, found in one pass that keeps the lowest
    /// ids seen, without sorting the world nor taking a snapshot of the couples left out.
    /// </summary>
    internal (IReadOnlyList<CoupleState> Page, bool More) CouplesAfter(long after, int limit, bool includeEnded)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (gate)
        {
            var lowest = new PriorityQueue<object, long>(Math.Min(limit, 4_096) + 2, HighestFirst); // one more than the page, to know of more
            foreach (var (id, entry) in couples)
            {
                if (id > after && (includeEnded || InProgress(entry)))
                {
                    if (lowest.Count <= limit)
                    {
                        lowest.Enqueue(entry, id);
                    }
                    else
                    {
                        lowest.EnqueueDequeue(entry, id);
                    }
                }
            }

            var more = lowest.Count > limit;
            if (more)
            {
                lowest.Dequeue();
            }

            var page = new CoupleState[lowest.Count];
            for (var i = page.Length - 1; lowest.TryDequeue(out var entry, out _); i--)
            {
                page[i] = Snapshot(entry);
            }

            return (page, more);
        }
    }

    private static readonly Comparer<long> HighestFirst = Comparer<long>.Create((a, b) => b.CompareTo(a));

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
    /// Adds a user, or replaces the one with the same login (its sessions then have the new rights; a new password ends
    /// them, so whoever logged in with the old one is logged out). Past <see cref="MaxUsers"/> a new login is not added.
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

            var passwordChanged = replaced && !string.Equals(users[user.Login].Password, user.Password, StringComparison.Ordinal);
            // Both locks, the order Reset takes them in: no request is granted by a session of the old password once the
            // new one is in place.
            lock (sessionsGate)
            {
                users = new Dictionary<string, User>(users, StringComparer.Ordinal) { [user.Login] = user };
                if (passwordChanged)
                {
                    sessions.EndAllOf(user.Login);
                }
            }
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
}
