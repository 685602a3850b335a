namespace PauseResume.Simulator.Audit;

/// <summary>Which resource of the legacy API a request was for, whatever its method.</summary>
public enum RequestKind
{
    Login,
    Logout,
    List,
    Details,
    PausedState,

    /// <summary>A path the API does not have (GEN-1).</summary>
    Other,
}
