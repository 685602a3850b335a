namespace PauseResume.Simulator.Domain;

/// <summary>
/// SES-5 (inferred): what a logout does to the session it names. Afterwards the session is not logged in either way;
/// whether its id is still known shows where a later request names it: a login under loginSessionId=kept, or any
/// request under anonymousSession=any-request, gets a new id for an id the recorder no longer knows.
/// </summary>
public enum LogoutSession
{
    /// <summary>The session is invalidated: its id names nothing afterwards (logoutSessionId says whether a new one is set).</summary>
    Ended,

    /// <summary>Only its login ends, as a logout action that removes the user from the session does: the id stays known, and the answer sets no cookie for it.</summary>
    LoggedOut,

    /// <summary>
    /// Only its login ends and the id stays known, but the answer is what a logout naming no session gets
    /// (logoutSessionId): under fresh a new session's id beside the kept one, as a recorder whose logout clears the user and
    /// answers as a login does; under none, no cookie, the same as <see cref="LoggedOut"/>.
    /// </summary>
    LoggedOutNewId,
}
