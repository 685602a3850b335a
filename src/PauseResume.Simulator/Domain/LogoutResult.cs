namespace PauseResume.Simulator.Domain;

/// <summary>
/// A logout: the session the answer is about, whether the answer hands its id out (Set-Cookie; see
/// <see cref="LoginResult"/>), and who was logged out (null if nobody was).
/// </summary>
public sealed record LogoutResult(string SessionId, string? Login, bool IdIssued = true, EndedSession? EndedAtCap = null);
