namespace PauseResume.Conformance.Concurrency;

/// <summary>
/// Checks one couple's history and, when it cannot be linearized, finds the smallest window that cannot: first the
/// earliest end (a prefix of the history that already fails), then the latest start (the state before it left free).
/// Both searches halve: a window inside a linearizable history is linearizable too, because everything cut by its
/// edges is taken as optional (a write may have taken effect before the window or not at all; a read is dropped).
/// </summary>
internal static class HistoryCheck
{
    /// <summary>
    /// Steps of each search for <see cref="ExplainedByLag"/>. Reads widened by the lag overlap much of the history, so a
    /// history that lag does not explain can take exponentially long to refute; the search gives up after a fraction of
    /// a second, and the window stays a difference in its plain words (a lag within --settle passes only when shown).
    /// </summary>
    private const long LagBudget = 1_000_000;

    /// <summary>
    /// Steps of each search for <see cref="Linearizable"/> and <see cref="SmallestWindow"/>. Many operations that overlap
    /// (load on few cores widens every interval) can make the search exponential in time and in memory, as each placed set
    /// is remembered; it gives up after about a second and a hundred megabytes per search, and the couple is not checked.
    /// </summary>
    public const long SearchBudget = 4_000_000;

    /// <summary>Does some order consistent with real time explain every read? Null when the search gave up.</summary>
    public static bool? Linearizable(IReadOnlyList<Operation> ops, RecordedTransitions? recorded = null, long budget = SearchBudget) =>
        RegisterChecker.Linearizable(Prepare(ops, long.MinValue, long.MaxValue).Select(p => p.Op).ToList(), initial: null, recorded, budget);

    /// <summary>
    /// Is the history linearizable when each read may show the couple's state as it was up to <paramref name="lag"/>
    /// before it was sent (details that lag, as a cache or a replica would)? Null when the search gave up.
    /// </summary>
    public static bool? ExplainedByLag(IReadOnlyList<Operation> ops, TimeSpan lag, RecordedTransitions? recorded = null) =>
        RegisterChecker.Linearizable([.. Prepare(ops, long.MinValue, long.MaxValue).Select(p => p.Op.Write ? p.Op : p.Op with { Call = p.Op.Call - lag.Ticks })], initial: null, recorded, LagBudget);

    /// <summary>
    /// The smallest window of a history that no order explains, or null when some order explains it all. A window within
    /// it whose search gives up counts as explained, so the window given is always one shown to fail; the whole history's
    /// search giving up is for the caller to tell (<see cref="Linearizable"/>), as it gives null here too.
    /// </summary>
    public static Window? SmallestWindow(long couple, IReadOnlyList<Operation> ops, long budget = SearchBudget)
    {
        bool Fails(long from, long to) => RegisterChecker.Linearizable(Prepare(ops, from, to).Select(p => p.Op).ToList(), initial: null, recorded: null, budget) == false;

        if (!Fails(long.MinValue, long.MaxValue))
        {
            return null;
        }

        var ends = ops.Where(o => o.Completed is not null).Select(o => o.Completed!.Value.Ticks).Distinct().Order().ToList();
        var to = ends[First(ends.Count, k => Fails(long.MinValue, ends[k]))];
        var starts = ops.Select(o => o.Invoked.Ticks).Where(t => t <= to).Distinct().Order().ToList();
        var from = starts[Last(starts.Count, k => Fails(starts[k], to))];
        var window = Prepare(ops, from, to).Select(p => p.Source).ToList();
        return new Window(couple, TimeSpan.FromTicks(from), TimeSpan.FromTicks(to), window);
    }

    /// <summary>
    /// After every agent stopped, <paramref name="final"/> read the couple. Its state must be what the write placed
    /// last wrote, and only a write that no taken write followed can be last (one without an answer always can); with
    /// no taken write at all, the state it was found in stands too. Null when it is so, else what was lost.
    /// </summary>
    public static string? Settled(IReadOnlyList<Operation> ops, Operation initial, Operation final)
    {
        // One read is judged here; how soon the details show a taken write is not documented (PSE-1), so the run reads
        // a couple this finds lost again for --settle (FinalSettling) and judges each read again with this check.
        var writes = ops.Where(o => o.Writes is not null && o.Outcome != OperationOutcome.Refused).ToList();
        var taken = writes.Where(o => o.Outcome == OperationOutcome.Done).ToList();
        var lastSent = taken.Count == 0 ? TimeSpan.MinValue : taken.Max(t => t.Invoked);
        var last = writes.Where(w => w.Outcome == OperationOutcome.Unknown || w.Completed >= lastSent).ToList();
        var possible = last.Select(w => w.Writes!.Value).ToHashSet();
        if (taken.Count == 0 && initial.Seen is { } found)
        {
            possible.Add(found);
        }

        if (final.Seen is not { } seen || possible.Contains(seen))
        {
            return null;
        }

        var lastTaken = last.Where(w => w.Outcome == OperationOutcome.Done).OrderBy(w => w.Completed).LastOrDefault();
        return $"after every agent stopped, couple {final.Couple} shows paused={(seen ? "true" : "false")}, but every pause or resume that could have come last wrote {(seen ? "false" : "true")}"
            + (lastTaken is null ? string.Empty : $" (the last one answered as taken: {lastTaken.Login} {lastTaken.Describe()} at {lastTaken.Completed!.Value.TotalMilliseconds:0.000} ms)");
    }

    /// <summary>The operations that count in [from, to], as the checker takes them.</summary>
    private static IEnumerable<(CheckOp Op, Operation Source)> Prepare(IReadOnlyList<Operation> ops, long from, long to)
    {
        foreach (var o in ops)
        {
            if (o.Outcome == OperationOutcome.Refused || (o.Kind == OperationKind.Read && o.Outcome != OperationOutcome.Done))
            {
                continue; // a refusal changed nothing (PSE-4); a read without an answer saw nothing
            }

            var call = o.Invoked.Ticks;
            var ret = o.Outcome == OperationOutcome.Done ? o.Completed!.Value.Ticks : CheckOp.Never;
            if (ret < from || call > to)
            {
                continue;
            }

            var cut = call < from || ret > to;
            if (o.Writes is { } value)
            {
                yield return (new CheckOp(Math.Max(call, from), cut ? CheckOp.Never : ret, true, value, o.Login), o);
            }
            else if (!cut)
            {
                yield return (new CheckOp(call, ret, false, o.Seen!.Value, o.Login), o);
            }
        }
    }

    /// <summary>The first k in [0, n) for which <paramref name="fails"/> holds (it holds for n − 1 and is monotone).</summary>
    private static int First(int n, Func<int, bool> fails)
    {
        var (lo, hi) = (0, n - 1);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            (lo, hi) = fails(mid) ? (lo, mid) : (mid + 1, hi);
        }

        return lo;
    }

    /// <summary>The last k in [0, n) for which <paramref name="fails"/> holds (it holds for 0 and is monotone).</summary>
    private static int Last(int n, Func<int, bool> fails)
    {
        var (lo, hi) = (0, n - 1);
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            (lo, hi) = fails(mid) ? (mid, hi) : (lo, mid - 1);
        }

        return lo;
    }
}
