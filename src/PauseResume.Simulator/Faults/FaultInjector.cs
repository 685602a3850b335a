namespace PauseResume.Simulator.Faults;

/// <summary>
/// The faults switched on, in the order they were switched on; off by default. Only the legacy API meets them, so the
/// control API can always switch them off. One lock guards them; a request with none switched on takes no lock.
/// A reset of the world leaves them as they are: they are the recorder's surroundings, not its state.
/// </summary>
public sealed class FaultInjector
{
    /// <summary>
    /// At most this many faults are on at once: every legacy request is matched against each, so without a cap a client
    /// adding faults in a loop would slow every request and grow memory without end.
    /// </summary>
    public const int MaxFaults = 100;

    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly List<ActiveFault> faults = [];
    private volatile int count;

    public FaultInjector(TimeProvider time, IEnumerable<Fault>? initial = null)
    {
        this.time = time;
        foreach (var fault in initial ?? [])
        {
            if (Add(fault) != FaultAdded.Added)
            {
                throw new ArgumentException($"fault {fault.Name}: {fault.Problem() ?? $"the name is taken, or more than {MaxFaults} faults are given"}", nameof(initial));
            }
        }
    }

    /// <summary>Whether any fault is switched on (spent ones included).</summary>
    public bool Any => count > 0;

    /// <summary>Switches <paramref name="fault"/> on; a maintenance window starts now, on the simulator's clock.</summary>
    public FaultAdded Add(Fault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (fault.Problem() is not null)
        {
            return FaultAdded.Invalid;
        }

        lock (gate)
        {
            if (faults.Any(f => string.Equals(f.Fault.Name, fault.Name, StringComparison.Ordinal)))
            {
                return FaultAdded.NameTaken;
            }

            if (faults.Count >= MaxFaults)
            {
                return FaultAdded.TooMany;
            }

            faults.Add(new ActiveFault(fault, time.GetUtcNow()));
            count = faults.Count;
            return FaultAdded.Added;
        }
    }

    /// <summary>Switches the fault named <paramref name="name"/> off; false if there is none.</summary>
    public bool Remove(string name)
    {
        lock (gate)
        {
            var removed = faults.FindAll(f => string.Equals(f.Fault.Name, name, StringComparison.Ordinal));
            faults.RemoveAll(removed.Contains);
            removed.ForEach(f => f.Dispose());
            count = faults.Count;
            return removed.Count > 0;
        }
    }

    /// <summary>Switches every fault off.</summary>
    public void Clear()
    {
        lock (gate)
        {
            faults.ForEach(f => f.Dispose());
            faults.Clear();
            count = 0;
        }
    }

    /// <summary>The faults switched on, with how many requests each has hit.</summary>
    public IReadOnlyList<FaultState> List()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            return faults.Select(f => f.State(now)).ToList();
        }
    }

    /// <summary>Whether some fault is scoped by user, so a request's user must be found before it is decided.</summary>
    internal bool ScopedByUser
    {
        get { lock (gate) { return faults.Any(f => f.Fault.User is not null); } }
    }

    /// <summary>The faults that hit a request before it is decided (latency, status, maintenance, restart), in order.</summary>
    internal IReadOnlyList<FiredFault> Before(string path, string? user) => Fire(path, user, null, afterDecision: false);

    /// <summary>The faults that hit a request once it is decided by <paramref name="rule"/> (abort, truncate, rule-scoped latency).</summary>
    internal IReadOnlyList<FiredFault> After(string path, string? user, string? rule) => Fire(path, user, rule, afterDecision: true);

    private List<FiredFault> Fire(string path, string? user, string? rule, bool afterDecision)
    {
        if (count == 0)
        {
            return [];
        }

        lock (gate)
        {
            var now = time.GetUtcNow();
            var fired = new List<FiredFault>();
            foreach (var fault in faults)
            {
                if (fault.TryFire(path, user, rule, afterDecision, now) is { } hit)
                {
                    fired.Add(hit);
                    if (hit.Fault.Kind is FaultKind.Status or FaultKind.Maintenance or FaultKind.Abort or FaultKind.Truncate)
                    {
                        break; // that fault answers (or cuts the answer); the ones after it never see the request
                    }
                }
            }

            return fired;
        }
    }
}
