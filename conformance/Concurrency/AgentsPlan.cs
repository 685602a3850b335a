namespace PauseResume.Conformance.Concurrency;

/// <summary>How many agents, how many operations in all, the seed of their choices, the pace and each request's bound.</summary>
internal sealed record AgentsPlan(int Agents, int Operations, int Seed, TimeSpan Pace, TimeSpan Timeout);
