namespace PauseResume.Simulator.Domain;

/// <summary>
/// What it takes to start a couple. Without <see cref="CallId"/> the couple starts a call of its own; with it,
/// the couple joins that call (a transfer or conference leg). Without <see cref="Start"/> it starts now.
/// </summary>
public sealed record NewCall(
    string CallingNumber,
    string CalledNumber,
    string? CallingIp = null,
    string? CalledIp = null,
    Direction Direction = Direction.Unknown,
    CoupleType Type = CoupleType.Normal,
    long? CallId = null,
    DateTimeOffset? Start = null);
