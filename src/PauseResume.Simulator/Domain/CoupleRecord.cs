using System.Collections.Immutable;

namespace PauseResume.Simulator.Domain;

/// <summary>
/// The mutable part of a couple, under a lock of its own: pauses and resumes of different couples never wait for each
/// other, and each couple's changes (pauses, resumes, its end) happen in one serial order. Its history is immutable and
/// replaced on each change, so a snapshot shares it instead of copying it: a details request on a couple paused many
/// thousand times costs what it costs on a fresh one.
/// </summary>
internal sealed class CoupleRecord(Couple couple)
{
    private readonly Lock gate = new();
    private ImmutableList<PauseInterval> history = [];
    private long forgotten;

    // Not a DateTimeOffset?: its flag and padding cost 8 bytes more on each of a million couples.
    private DateTimeOffset endedAt = InProgressMark;

    // Read without the lock by a request that checks whether the couple is in progress; set once, under the lock.
    private volatile bool ended;

    private static readonly DateTimeOffset InProgressMark = DateTimeOffset.MinValue;

    public Couple Couple { get; } = couple;

    public bool InProgress => !ended;

    /// <summary>
    /// Ends the couple at the time <paramref name="time"/> reads under its lock, so no pause or resume before it bears a
    /// later time; false if it had ended already.
    /// </summary>
    public bool End(TimeProvider time)
    {
        lock (gate)
        {
            if (ended)
            {
                return false;
            }

            endedAt = time.GetUtcNow();
            ended = true;
            return true;
        }
    }

    /// <summary>
    /// PSE-1/3: pauses or resumes the couple, at the time <paramref name="time"/> reads under its lock, so its intervals
    /// follow one another. PSE-3: pausing a paused couple or resuming a running one succeeds and changes nothing. Null,
    /// and nothing changes, when the couple has ended meanwhile: the request is then judged again, as after the end.
    /// </summary>
    public bool? SetPaused(bool paused, string login, string sessionId, TimeProvider time)
    {
        lock (gate)
        {
            if (ended)
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
            }
            else
            {
                history = history.SetItem(history.Count - 1, history[^1] with { ResumedAt = now, ResumedBy = login, ResumedSession = sessionId });
            }

            return true;
        }
    }

    public CoupleState Snapshot()
    {
        lock (gate)
        {
            return new(Couple, history, ended ? endedAt : null) { ForgottenIntervals = forgotten };
        }
    }
}
