namespace PauseResume.Simulator.Domain;

/// <summary>
/// LST-6: how a direction's words are read. JAX-RS converts an enum with its <c>valueOf</c>, which takes the names as
/// written; a resource with its own <c>fromString</c> may read any case. An empty value is <see cref="EmptyDirection"/>'s.
/// </summary>
public enum DirectionCase
{
    /// <summary>CALLING, CALLED or BOTH in upper case; anything else is an invalid direction.</summary>
    Exact,

    /// <summary>The three words in any case (<c>Both</c> is BOTH); anything else is invalid.</summary>
    Any,
}
