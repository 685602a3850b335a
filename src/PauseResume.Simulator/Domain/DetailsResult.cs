namespace PauseResume.Simulator.Domain;

/// <summary>A details request: the couple's state when granted, and whether the user may pause it (DET-2).</summary>
public sealed record DetailsResult(Access Access, string? Login, CoupleState? State, bool MayPause);
