namespace PauseResume.Simulator.Domain;

/// <summary>
/// One stretch of time in which a couple's call recording and screen recording were both paused (PSE-1
/// moves them together). <see cref="ResumedAt"/> is null while the couple is still paused.
/// </summary>
public sealed record PauseInterval(
    DateTimeOffset PausedAt,
    string PausedBy,
    string PausedSession,
    DateTimeOffset? ResumedAt = null,
    string? ResumedBy = null,
    string? ResumedSession = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsOpen => ResumedAt is null;
}
