namespace PauseResume.Simulator.Domain;

/// <summary>
/// Where an unknown path of the API (GEN-1, under <c>/callrec/restful/</c>) is refused among the login check (inferred:
/// the rules do not say which a recorder checks first).
/// </summary>
public enum UnknownPathOrder
{
    /// <summary>Before it, as JAX-RS matching the resource before anything checks the session: unknownPathStatus, logged in or not.</summary>
    BeforeLogin,

    /// <summary>
    /// After it, as a filter that guards every path of the API before the resource is matched: a request naming no
    /// logged-in session is refused as not logged in (403), one in a session gets unknownPathStatus.
    /// </summary>
    AfterLogin,
}
