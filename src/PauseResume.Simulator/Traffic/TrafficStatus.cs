namespace PauseResume.Simulator.Traffic;

/// <summary>The traffic's settings and how many couples it started and ended on schedule, read together.</summary>
public sealed record TrafficStatus(TrafficSettings Settings, long Started, long Ended);
