namespace PauseResume.Conformance.Concurrency;

/// <summary>
/// Is a couple's history linearizable against a register (paused true or false; a pause or resume writes it, a read
/// of the details returns it)? Wing and Gong's search for an order that respects real time, with Lowe's memoisation:
/// a set of operations already placed together with the state they left is never explored twice. Operations that
/// overlap in time may go in either order; ties count as overlap, so the checker never blames a server for the
/// resolution of its clock.
/// </summary>
internal static class RegisterChecker
{
    /// <summary>
    /// True when some order explains every answer, false when none does, null when a search gave up after
    /// <paramref name="budget"/> steps (each step may remember one placed set, so the budget bounds memory too).
    /// <paramref name="initial"/> null tries both states; <paramref name="recorded"/>, when given, must be the exact
    /// sequence of changes the order makes (who paused, who resumed), and the couple starts running.
    /// </summary>
    public static bool? Linearizable(IReadOnlyList<CheckOp> ops, bool? initial, RecordedTransitions? recorded, long budget)
    {
        if (recorded is not null || initial is not null)
        {
            return Search(ops, recorded is null && initial is { } known && known, recorded, budget);
        }

        var running = Search(ops, false, null, budget);
        if (running == true)
        {
            return true;
        }

        var paused = Search(ops, true, null, budget);
        return paused == true ? true : running is null || paused is null ? null : false;
    }

    private static bool? Search(IReadOnlyList<CheckOp> ops, bool initial, RecordedTransitions? recorded, long budget)
    {
        var head = Build(ops);
        var placed = new Placed(ops);
        var seen = new HashSet<Memo>();
        var stack = new Stack<(Entry Call, State Before, Placed.Undo Undo)>();
        var state = new State(initial, 0);
        var entry = head.Next;
        while (true)
        {
            if (--budget < 0)
            {
                return null;
            }

            if (placed.AllRequired && Finished(state, recorded))
            {
                return true;
            }

            if (entry is { IsCall: true })
            {
                if (Step(state, ops[entry.Op], recorded) is { } next)
                {
                    var undo = placed.Place(entry.Op);
                    if (seen.Add(placed.Key(next)))
                    {
                        stack.Push((entry, state, undo));
                        state = next;
                        entry.Lift();
                        entry = head.Next;
                        continue;
                    }

                    placed.Restore(undo);
                }

                entry = entry.Next;
                continue;
            }

            // A return (or the end of the list): every operation that must precede this point has to be placed
            // already, so the last choice was wrong; undo it and try the next candidate after it.
            if (stack.Count == 0)
            {
                return false;
            }

            var (call, before, last) = stack.Pop();
            state = before;
            placed.Restore(last);
            call.Unlift();
            entry = call.Next;
        }
    }

    private static State? Step(State state, CheckOp op, RecordedTransitions? recorded)
    {
        if (!op.Write)
        {
            return op.Value == state.Paused ? state : null;
        }

        if (op.Value == state.Paused)
        {
            return state; // PSE-3: pausing a paused couple or resuming a running one changes nothing
        }

        if (recorded is not null && (state.Changes >= recorded.Count || recorded.Logins[state.Changes] != op.Login))
        {
            return null;
        }

        return new State(op.Value, state.Changes + 1);
    }

    private static bool Finished(State state, RecordedTransitions? recorded) => recorded is null || state.Changes == recorded.Count;

    private static Entry Build(IReadOnlyList<CheckOp> ops)
    {
        var entries = new List<Entry>(ops.Count * 2);
        for (var i = 0; i < ops.Count; i++)
        {
            var call = new Entry(i, true, ops[i].Call);
            var ret = new Entry(i, false, ops[i].Return);
            call.Match = ret;
            entries.Add(call);
            entries.Add(ret);
        }

        // Calls before returns at the same moment: two operations that touch in time are taken as overlapping.
        entries.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.IsCall != b.IsCall ? (a.IsCall ? -1 : 1) : a.Op.CompareTo(b.Op));
        var head = new Entry(-1, false, long.MinValue);
        var last = head;
        foreach (var e in entries)
        {
            last.Next = e;
            e.Prev = last;
            last = e;
        }

        return head;
    }

    private readonly record struct State(bool Paused, int Changes);

    private sealed class Entry(int op, bool isCall, long time)
    {
        public int Op { get; } = op;

        public bool IsCall { get; } = isCall;

        public long Time { get; } = time;

        public Entry? Match { get; set; }

        public Entry? Prev { get; set; }

        public Entry? Next { get; set; }

        /// <summary>Takes the call and its return out of the list: the operation is placed.</summary>
        public void Lift()
        {
            Unlink(this);
            Unlink(Match!);
        }

        /// <summary>Puts them back, in the reverse order of <see cref="Lift"/>.</summary>
        public void Unlift()
        {
            Relink(Match!);
            Relink(this);
        }

        private static void Unlink(Entry e)
        {
            e.Prev!.Next = e.Next;
            if (e.Next is not null)
            {
                e.Next.Prev = e.Prev;
            }
        }

        private static void Relink(Entry e)
        {
            e.Prev!.Next = e;
            if (e.Next is not null)
            {
                e.Next.Prev = e;
            }
        }
    }

    /// <summary>
    /// The set of placed operations, kept small for the memo: required operations are numbered in the order of their
    /// calls, and since every one before the first unplaced is placed, a key needs only that number and the few words
    /// after it. Optional operations (few) are kept whole.
    /// </summary>
    private sealed class Placed
    {
        private readonly int[] required;
        private readonly int[] optional;
        private readonly ulong[] requiredBits;
        private readonly ulong[] optionalBits;
        private readonly int requiredCount;
        private int first;
        private int highest = -1;

        public Placed(IReadOnlyList<CheckOp> ops)
        {
            required = new int[ops.Count];
            optional = new int[ops.Count];
            var order = Enumerable.Range(0, ops.Count).OrderBy(i => ops[i].Call).ThenBy(i => i).ToList();
            var (r, o) = (0, 0);
            foreach (var i in order)
            {
                (required[i], optional[i]) = ops[i].Optional ? (-1, o++) : (r++, -1);
            }

            requiredCount = r;
            requiredBits = new ulong[(r + 64) / 64];
            optionalBits = new ulong[(o + 63) / 64];
        }

        public bool AllRequired => first == requiredCount;

        public Undo Place(int op)
        {
            var undo = new Undo(op, first, highest);
            if (optional[op] is var o and >= 0)
            {
                optionalBits[o >> 6] |= 1UL << (o & 63);
                return undo;
            }

            var r = required[op];
            requiredBits[r >> 6] |= 1UL << (r & 63);
            highest = Math.Max(highest, r);
            while (first < requiredCount && (requiredBits[first >> 6] & (1UL << (first & 63))) != 0)
            {
                first++;
            }

            return undo;
        }

        public void Restore(Undo undo)
        {
            if (optional[undo.Op] is var o and >= 0)
            {
                optionalBits[o >> 6] &= ~(1UL << (o & 63));
                return;
            }

            var r = required[undo.Op];
            requiredBits[r >> 6] &= ~(1UL << (r & 63));
            (first, highest) = (undo.First, undo.Highest);
        }

        public Memo Key(State state)
        {
            var from = first >> 6;
            var to = Math.Max(highest, first) >> 6;
            var words = new ulong[(to - from + 1) + optionalBits.Length];
            requiredBits.AsSpan(from, to - from + 1).CopyTo(words);
            optionalBits.CopyTo(words, to - from + 1);
            return new Memo(first, words, state);
        }

        public readonly record struct Undo(int Op, int First, int Highest);
    }

    private readonly struct Memo : IEquatable<Memo>
    {
        private readonly int first;
        private readonly ulong[] words;
        private readonly State state;
        private readonly int hash;

        public Memo(int first, ulong[] words, State state)
        {
            this.first = first;
            this.words = words;
            this.state = state;
            var h = new HashCode();
            h.Add(first);
            h.Add(state);
            foreach (var w in words)
            {
                h.Add(w);
            }

            hash = h.ToHashCode();
        }

        public bool Equals(Memo other) => hash == other.hash && first == other.first && state == other.state && words.AsSpan().SequenceEqual(other.words);

        public override bool Equals(object? obj) => obj is Memo other && Equals(other);

        public override int GetHashCode() => hash;
    }
}
