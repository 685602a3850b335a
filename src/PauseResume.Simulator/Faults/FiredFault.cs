namespace PauseResume.Simulator.Faults;

/// <summary>
/// A fault that hit a request, with the delay it drew (latency), for maintenance when the window ends, and what tells
/// that the fault was switched off (which ends its delay).
/// </summary>
internal sealed record FiredFault(Fault Fault, TimeSpan Delay, DateTimeOffset? Until, CancellationToken Off = default);
