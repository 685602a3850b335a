namespace PauseResume.Simulator.Traffic;

/// <summary>
/// A call the traffic model drew: its first leg starts at <see cref="Start"/>; a transfer or conference has a second
/// leg on the same callId. The call lasts <see cref="Duration"/> from its first leg's start to its last leg's end.
/// </summary>
public sealed record PlannedCall(DateTimeOffset Start, TimeSpan Duration, CallKind Kind, IReadOnlyList<PlannedLeg> Legs);
