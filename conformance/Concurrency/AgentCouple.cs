namespace PauseResume.Conformance.Concurrency;

/// <summary>A couple an agent works on, with the links its documents gave (LST-5, DET-2): the agent builds no URL itself.</summary>
/// <param name="CallId">The call it belonged to when listed (a recorder may pause a whole call, PSE-1).</param>
internal sealed record AgentCouple(long Id, bool Shared, string DetailsPath, string PausedStatePath, long CallId);
