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
    /// True when some order explains every answer. <paramref name="initial"/> null tries both states;
    /// <paramref name="recorded"/>, when given, must be the exact sequence of changes the order makes (who paused, who
    /// resumed), and the couple starts running.
    /// </summary>
    public static bool Linearizable(IReadOnlyList<CheckOp> ops, bool? initial, RecordedTransitions? recorded = null) =>
        recorded is not null ? Search(ops, false, recorded)
        : initial is { } known ? Search(ops, known, null)
        : Search(ops, false, null) || Search(ops, true, null);

    private static bool Search(IReadOnlyList<CheckOp> ops, bool initial, RecordedTransitions? recorded)
    {
        var head = Build(ops);
        var placed = new Bits(ops.Count);
        var seen = new HashSet<Memo>();
        var stack = new Stack<(Entry Call, State Before)>();
        var state = new State(initial, 0);
        var requiredLeft = ops.Count(o => !o.Optional);
        var entry = head.Next;
        while (true)
        {
            if (requiredLeft == 0 && Finished(state, recorded))
            {
                return true;
            }

            if (entry is { IsCall: true })
            {
                var op = ops[entry.Op];
                if (Step(state, op, recorded) is { } next)
                {
                    placed.Flip(entry.Op);
                    if (seen.Add(new Memo(placed.Snapshot(), placed.Hash, next)))
                    {
                        stack.Push((entry, state));
                        state = next;
                        requiredLeft -= op.Optional ? 0 : 1;
                        entry.Lift();
                        entry = head.Next;
                        continue;
                    }

                    placed.Flip(entry.Op);
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

            var (call, before) = stack.Pop();
            state = before;
            placed.Flip(call.Op);
            requiredLeft += ops[call.Op].Optional ? 0 : 1;
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

    /// <summary>The set of placed operations, with a hash kept up to date as bits flip (one random word per operation).</summary>
    private sealed class Bits(int count)
    {
        private readonly ulong[] words = new ulong[(count + 63) / 64];

        public ulong Hash { get; private set; }

        public void Flip(int i)
        {
            words[i >> 6] ^= 1UL << (i & 63);
            Hash ^= Mix((ulong)i);
        }

        public ulong[] Snapshot() => (ulong[])words.Clone();

        private static ulong Mix(ulong x)
        {
            x += 0x9E3779B97F4A7C15UL;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return x ^ (x >> 31);
        }
    }

    private readonly struct Memo(ulong[] words, ulong hash, State state) : IEquatable<Memo>
    {
        private readonly ulong[] words = words;
        private readonly ulong hash = hash;
        private readonly State state = state;

        public bool Equals(Memo other) => hash == other.hash && state == other.state && words.AsSpan().SequenceEqual(other.words);

        public override bool Equals(object? obj) => obj is Memo other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(hash, state);
    }
}
