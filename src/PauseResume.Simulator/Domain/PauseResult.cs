namespace PauseResume.Simulator.Domain;

/// <summary>A pause or resume; <see cref="Changed"/> is false when the couple already was in that state (PSE-3).</summary>
public sealed record PauseResult(Access Access, string? Login, bool Changed);
