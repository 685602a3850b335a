using System.Collections.Immutable;

namespace PauseResume.Simulator.Domain;

/// <summary>
/// The mutable part of a couple, under a lock of its own (the record itself, which nothing outside the recorder sees:
/// a lock object each would cost a million of them on a large world): pauses and resumes of different couples never wait
/// for each other, and each couple's changes (pauses, resumes, its end) happen in one serial order. Its history is immutable and
/// replaced on each change, so a snapshot shares it instead of copying it: a details request on a couple paused many
/// thousand times costs what it costs on a fresh one.
/// </summary>
internal sealed class CoupleRecord(Couple couple)
{
    private ImmutableList<PauseInterval> history = [];
    private long forgotten;

    // The end's UTC ticks, 0 while in progress: read without the lock by a request that checks whether the couple is in
    // progress, set once under it. Not a DateTimeOffset? nor a flag beside it: each costs 8 bytes more a record.
    private long endedAtTicks;

    public Couple Couple { get; } = couple;

    public bool InProgress => Volatile.Read(ref endedAtTicks) == 0;

    /// <summary>Whether the couple is paused now, read without the lock (its history is replaced whole on each change).</summary>
    public bool Paused => Volatile.Read(ref history) is { Count: > 0 } intervals && intervals[^1].IsOpen;

    /// <summary>
    /// Ends the couple at the time <paramref name="time"/> reads under its lock, so no pause or resume before it bears a
    /// later time; false if it had ended already.
    /// </summary>
    public bool End(TimeProvider time)
    {
        lock (this)
        {
            if (!InProgress)
            {
                return false;
            }

            Volatile.Write(ref endedAtTicks, Math.Max(1, time.GetUtcNow().UtcTicks));
            return true;
        }
    }

    /// <summary>
    /// PSE-1/3: pauses or resumes the couple, at the time <paramref name="time"/> reads under its lock, so its intervals
    /// follow one another. PSE-3: pausing a paused couple or resuming a running one succeeds and changes nothing. Null,
    /// and nothing changes, when the couple has ended meanwhile: the request is then judged again, as after the end.
    /// </summary>
    /// <param name="table">The couple's table: its paused ids (<see cref="CoupleTable.Paused"/>), kept in step under the lock, and
    /// its <see cref="CoupleTable.History"/>, told of the interval added (the caller trims it once no couple's lock is held).</param>
    public bool? SetPaused(bool paused, string login, string sessionId, TimeProvider time, CoupleTable table)
    {
        lock (this)
        {
            if (!InProgress)
            {
                return null;
            }

            if (paused == (history.Count > 0 && history[^1].IsOpen))
            {
                return false;
            }

            var now = time.GetUtcNow();
            if (paused)
            {
                // Only the latest intervals are kept: a client that pauses and resumes one couple all day must not grow the
                // simulator's memory without end. The oldest goes; the open one, which says the couple is paused, never does.
                var kept = history.Count == Recorder.MaxPauseIntervals ? history.RemoveAt(0) : history;
                forgotten += history.Count - kept.Count;
                history = kept.Add(new PauseInterval(now, login, sessionId));
                table.History.Added(this, forgotten + history.Count - 1);
                table.Paused[Couple.Id] = 0;
            }
            else
            {
                history = history.SetItem(history.Count - 1, history[^1] with { ResumedAt = now, ResumedBy = login, ResumedSession = sessionId });
                table.Paused.TryRemove(Couple.Id, out _);
            }

            return true;
        }
    }

    /// <summary>
    /// Forgets the intervals up to the one of ordinal <paramref name="ordinal"/> (see <see cref="PauseHistoryBudget"/>), those
    /// still kept, but never the open one: the couple's state (PSE-1) never depends on a forgotten interval.
    /// </summary>
    public void Forget(long ordinal)
    {
        lock (this)
        {
            var drop = (int)Math.Clamp(ordinal - forgotten + 1, 0, history.Count);
            if (drop > 0 && history[drop - 1].IsOpen)
            {
                drop--;
            }

            if (drop > 0)
            {
                history = history.RemoveRange(0, drop);
                forgotten += drop;
            }
        }
    }

    public CoupleState Snapshot()
    {
        lock (this)
        {
            return new(Couple, history, InProgress ? null : new DateTimeOffset(endedAtTicks, TimeSpan.Zero)) { ForgottenIntervals = forgotten };
        }
    }
}
