namespace PauseResume.Simulator.Domain;

/// <summary>
/// How a HEAD of the list or the details is answered (GEN-2 is inferred: JAX-RS runs the GET method for a HEAD and drops
/// the body; a server built otherwise may not take HEAD at all).
/// </summary>
public enum HeadMethod
{
    /// <summary>As the GET, without the body.</summary>
    AsGet,

    /// <summary>As a method the path does not take (methodNotAllowedStatus).</summary>
    NotAllowed,
}
