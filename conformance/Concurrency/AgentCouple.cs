namespace PauseResume.Conformance.Concurrency;

/// <summary>A couple an agent works on, with the links its documents gave (LST-5, DET-2): the agent builds no URL itself.</summary>
internal sealed record AgentCouple(long Id, bool Shared, string DetailsPath, string PausedStatePath);
