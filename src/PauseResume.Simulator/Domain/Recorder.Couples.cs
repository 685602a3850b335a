namespace PauseResume.Simulator.Domain;

// The couples' tables: a world's calls started at once, a call started under the cap, and how an entry of the
// table is read.
public sealed partial class Recorder
{
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
}
