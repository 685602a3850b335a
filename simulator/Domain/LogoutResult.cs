namespace PauseResume.Simulator.Domain;

/// <summary>A logout: the fresh session id, and who was logged out (null if nobody was).</summary>
public sealed record LogoutResult(string SessionId, string? Login);
