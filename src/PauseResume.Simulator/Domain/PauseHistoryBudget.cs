using System.Collections.Concurrent;

namespace PauseResume.Simulator.Domain;

/// <summary>
/// The pause intervals of one world, the latest kept across all its couples: each interval a couple adds is queued here,
/// and past <see cref="Recorder.MaxPauseIntervalsKept"/> of them the oldest is forgotten by its couple (counted in its
/// <see cref="CoupleState.ForgottenIntervals"/>). The bound per couple (<see cref="Recorder.MaxPauseIntervals"/>) does not
/// bound the world: under pauseScope=call one pause of a call of 18,000 legs adds 18,000 intervals, and a few minutes of
/// pauses held gigabytes. A reset replaces the world's table, and this with it.
/// </summary>
internal sealed class PauseHistoryBudget
{
    // One entry per interval added, oldest first: the couple and the interval's ordinal in its history (how many it had
    // added before it). An entry whose interval its couple forgot already (its own bound) forgets nothing when it leaves.
    private readonly ConcurrentQueue<(CoupleRecord Record, long Ordinal)> added = new();
    private int count;

    /// <summary>The intervals kept (those its couples forgot by their own bound included, until they leave the queue).</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>Called under <paramref name="record"/>'s lock, as the interval is added: nothing is forgotten here.</summary>
    public void Added(CoupleRecord record, long ordinal)
    {
        added.Enqueue((record, ordinal));
        Interlocked.Increment(ref count);
    }

    /// <summary>
    /// Forgets the oldest intervals past <paramref name="kept"/>. Called with no couple's lock held: it takes the lock of
    /// each couple whose interval it forgets, and a pause holds its couple's (or its call's) while it adds.
    /// </summary>
    public void Trim(int kept)
    {
        while (Volatile.Read(ref count) > kept && added.TryDequeue(out var oldest))
        {
            Interlocked.Decrement(ref count);
            oldest.Record.Forget(oldest.Ordinal);
        }
    }
}
