namespace PauseResume.Simulator.Domain;

/// <summary>The result of changing one profile setting: the new profile, or why the change was refused.</summary>
public sealed record ProfileChange(RecorderProfile? Profile, string? Error);
