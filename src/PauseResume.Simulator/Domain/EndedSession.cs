namespace PauseResume.Simulator.Domain;

/// <summary>A session ended to make room at the profile's maxActiveSessions; <see cref="Login"/> is null if it was not logged in.</summary>
public sealed record EndedSession(string? Login);
