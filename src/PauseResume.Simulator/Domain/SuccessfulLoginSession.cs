namespace PauseResume.Simulator.Domain;

/// <summary>
/// SES-4: what a login that works, answered with a new session id, does to the logged-in session its request named.
/// </summary>
public enum SuccessfulLoginSession
{
    /// <summary>The id rotates: the session moves to the new id, and the one named is no longer known (a servlet's changeSessionId).</summary>
    Replaced,

    /// <summary>The login opens a session of its own: the one named stays as it was, logged in as before.</summary>
    Unchanged,
}
