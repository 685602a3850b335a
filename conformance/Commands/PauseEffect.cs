namespace PauseResume.Conformance.Commands;

/// <summary>A pause or resume a step asked for, and whether the rules let it through; the invariant after the step reads it.</summary>
internal sealed record PauseEffect(long Couple, bool Allowed);
