namespace PauseResume.Simulator.Domain;

/// <summary>
/// Where a method the path does not take (GEN-2; GET on pausedState, PSE-4) is refused among the login check, for the
/// list, the details and pausedState (inferred: the rules do not say which a recorder checks first).
/// </summary>
public enum BadMethodOrder
{
    /// <summary>Before the login check, as JAX-RS matching the method before a filter that checks the session: the method's status, logged in or not.</summary>
    BeforeLogin,

    /// <summary>
    /// After it, as a servlet filter that refuses a request naming no logged-in session before the resource is matched:
    /// such a request is refused as not logged in (403) whatever its method.
    /// </summary>
    AfterLogin,
}
