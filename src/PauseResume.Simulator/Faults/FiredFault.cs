namespace PauseResume.Simulator.Faults;

/// <summary>A fault that hit a request, with the delay it drew (latency) and, for maintenance, when the window ends.</summary>
internal sealed record FiredFault(Fault Fault, TimeSpan Delay, DateTimeOffset? Until);
