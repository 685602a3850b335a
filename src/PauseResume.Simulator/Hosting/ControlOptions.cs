namespace PauseResume.Simulator.Hosting;

/// <summary>Whether the <c>/simulator</c> control API is served, and the token it then requires (null: none).</summary>
public sealed record ControlOptions(bool Enabled = true, string? Token = null);
