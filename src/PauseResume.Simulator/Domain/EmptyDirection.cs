namespace PauseResume.Simulator.Domain;

/// <summary>
/// LST-6: how an empty direction (<c>phoneNumberDirection=</c>) is read. A JAX-RS enum's <c>valueOf</c> refuses it as it
/// refuses any word but the three; Jersey reads an empty value of a parameter that is no string as absent (BOTH), and so
/// does a resource's own <c>fromString</c> that returns a default for it.
/// </summary>
public enum EmptyDirection
{
    /// <summary>An invalid direction.</summary>
    Invalid,

    /// <summary>As absent: BOTH.</summary>
    None,
}
