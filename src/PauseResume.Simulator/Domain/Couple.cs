namespace PauseResume.Simulator.Domain;

/// <summary>One call leg in progress; <see cref="CallId"/> groups the couples of one call.</summary>
public sealed record Couple(
    long Id,
    long CallId,
    DateTimeOffset Start,
    string CallingNumber,
    string CalledNumber,
    string? CallingIp,
    string? CalledIp,
    Direction Direction,
    CoupleType Type);
