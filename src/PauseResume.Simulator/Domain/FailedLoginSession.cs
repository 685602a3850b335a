namespace PauseResume.Simulator.Domain;

/// <summary>SES-4: what a login that does not work does to the logged-in session its request named.</summary>
public enum FailedLoginSession
{
    /// <summary>It ends the session's login.</summary>
    LoggedOut,

    /// <summary>The session stays logged in as before.</summary>
    Unchanged,
}
