namespace PauseResume.Client;

/// <summary>
/// A couple's details. <see cref="PausedStateLink"/> is null when the user may not pause it (DET-2). Fields the
/// server did not send are null.
/// </summary>
public sealed record CoupleDetails(
    long Id,
    long CallId,
    Uri SelfLink,
    Uri? PausedStateLink,
    DateTimeOffset? Start,
    string? CallingNumber,
    string? CalledNumber,
    string? CallingIp,
    string? CalledIp,
    string? Direction,
    bool? Paused)
{
    /// <summary>Whether this user may pause and resume the couple: the details carry a pausedState link (DET-2).</summary>
    public bool MayPause => PausedStateLink is not null;
}
