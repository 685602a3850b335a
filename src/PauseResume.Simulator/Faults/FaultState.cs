namespace PauseResume.Simulator.Faults;

/// <summary>A fault switched on, how many requests it has hit, and whether it can still hit one.</summary>
/// <param name="Active">False once a restart has fired (it is one-shot) or a maintenance window is over.</param>
/// <param name="Until">When a maintenance window ends, on the simulator's clock.</param>
public sealed record FaultState(Fault Fault, long Injected, bool Active, DateTimeOffset? Until);
