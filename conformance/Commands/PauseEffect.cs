namespace PauseResume.Conformance.Commands;

/// <summary>
/// A pause or resume a step asked for, and whether the rules let it through; the invariant after the step reads it.
/// <see cref="ReadInferred"/>: the value was no plain <c>paused=true|false</c>, so what it did is PSE-2's inferred reading.
/// </summary>
internal sealed record PauseEffect(long Couple, bool Allowed)
{
    public bool ReadInferred { get; init; }
}
