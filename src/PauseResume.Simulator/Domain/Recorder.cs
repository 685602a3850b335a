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
public sealed partial class Recorder
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

    /// <summary>
    /// The pause intervals kept across all couples of the world, the latest; older ones are forgotten and counted, as past
    /// <see cref="MaxPauseIntervals"/> (GEN-3): about 150 bytes each, so the history never holds much more than 150 MB,
    /// however many couples a pause changes (pauseScope=call) or are paused in turn.
    /// </summary>
    public const int MaxPauseIntervalsKept = 1_000_000;

    /// <summary><see cref="MaxPauseIntervalsKept"/>, but in tests of the bound itself.</summary>
    internal int PauseIntervalsKeptCap { get; set; } = MaxPauseIntervalsKept;

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

    /// <summary>Outside the lock, so a handler can read the recorder again and never holds up another request.</summary>
    private void Notify()
    {
        Interlocked.Increment(ref version);
        Changed?.Invoke(this, EventArgs.Empty);
    }
}
