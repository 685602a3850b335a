using System.Collections.Immutable;

namespace PauseResume.Simulator.Domain;

/// <summary>
/// The mutable part of a couple; only touched under the recorder's lock. Its history is immutable and replaced on
/// each change, so a snapshot shares it instead of copying it: a details request on a couple paused many thousand
/// times costs what it costs on a fresh one.
/// </summary>
internal sealed class CoupleRecord(Couple couple)
{
    private ImmutableList<PauseInterval> history = [];
    private long forgotten;

    // Not a DateTimeOffset?: its flag and padding cost 8 bytes more on each of a million couples.
    private DateTimeOffset endedAt = InProgressMark;

    private static readonly DateTimeOffset InProgressMark = DateTimeOffset.MinValue;

    public Couple Couple { get; } = couple;

    public DateTimeOffset? EndedAt
    {
        get => endedAt == InProgressMark ? null : endedAt;
        set => endedAt = value ?? InProgressMark;
    }

    public bool InProgress => endedAt == InProgressMark;

    private bool Paused => history.Count > 0 && history[^1].IsOpen;

    // PSE-3: pausing a paused couple or resuming a running one succeeds and changes nothing.
    public bool SetPaused(bool paused, string login, string sessionId, DateTimeOffset now)
    {
        if (paused == Paused)
        {
            return false;
        }

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

    public CoupleState Snapshot() => new(Couple, history, EndedAt) { ForgottenIntervals = forgotten };
}
