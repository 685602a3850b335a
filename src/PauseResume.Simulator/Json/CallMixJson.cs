namespace PauseResume.Simulator.Json;

/// <summary>The shares of incoming, outgoing and internal calls (relative weights; a missing one is 0).</summary>
public sealed record CallMixJson(double? Incoming, double? Outgoing, double? Internal);
