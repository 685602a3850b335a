namespace PauseResume.Simulator.Domain;

/// <summary>
/// LST-6: how a direction's value is read. JAX-RS converts an enum with its <c>valueOf</c>, which takes the names as
/// written; a resource with its own <c>fromString</c> may read any case, and Jersey reads an empty value of a parameter
/// that is no string as absent.
/// </summary>
public enum DirectionCase
{
    /// <summary>CALLING, CALLED or BOTH in upper case; anything else, an empty value too, is an invalid direction.</summary>
    Exact,

    /// <summary>The three words in any case (<c>Both</c> is BOTH); an empty value is as absent (BOTH); anything else is invalid.</summary>
    Any,
}
