namespace PauseResume.Simulator.Domain;

/// <summary>A login: the fresh session id every login answer carries (SES-4) and what really happened.</summary>
public sealed record LoginResult(string SessionId, LoginVerdict Verdict, string? Login);
