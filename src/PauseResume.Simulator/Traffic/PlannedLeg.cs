using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Traffic;

/// <summary>One couple of a planned call: what starts, when, and when it ends on the clock.</summary>
public sealed record PlannedLeg(NewCall Call, DateTimeOffset Start, DateTimeOffset End);
