using System.Collections.Concurrent;

namespace PauseResume.Simulator.Domain;

/// <summary>
/// The couples of one world by id (a plain <see cref="Couple"/> until something changes it, then its
/// <see cref="CoupleRecord"/>), and the ids of those paused now, so a view that shows the paused couples first finds
/// them without reading every couple. A reset replaces the table whole, paused ids with it.
/// </summary>
internal sealed class CoupleTable(int concurrencyLevel, int capacity) : ConcurrentDictionary<long, object>(concurrencyLevel, capacity)
{
    public CoupleTable()
        : this(Environment.ProcessorCount, 31)
    {
    }

    /// <summary>
    /// Changed only under the couple's own lock, with its pause or resume, and on its end: never behind its history. Many
    /// locks, so pauses of different couples on different threads seldom meet on one.
    /// </summary>
    public ConcurrentDictionary<long, byte> Paused { get; } = new(Environment.ProcessorCount * 16, 31);

    /// <summary>The latest pause intervals of this world's couples, across them all (<see cref="Recorder.MaxPauseIntervalsKept"/>).</summary>
    public PauseHistoryBudget History { get; } = new();
}
