using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Json;

/// <summary>One pause interval as the dashboard shows it: who paused and resumed, never the session ids they used.</summary>
internal sealed record DashboardPauseJson(DateTimeOffset PausedAt, string PausedBy, DateTimeOffset? ResumedAt, string? ResumedBy)
{
    public static DashboardPauseJson From(PauseInterval interval) =>
        new(interval.PausedAt, interval.PausedBy, interval.ResumedAt, interval.ResumedBy);
}
