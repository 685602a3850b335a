namespace PauseResume.Simulator.Domain;

/// <summary>How the recorder decided a request; every value maps to one status and rule id in the HTTP layer.</summary>
public enum Access
{
    Granted,
    NotLoggedIn,
    SessionExpired,

    /// <summary>SES-4: the session was ended to make room for a new one at maxActiveSessions.</summary>
    SessionEndedAtCap,

    NoCallList,
    UnknownCouple,
    OutsideMasks,
    NoPauseRight,
    BadParameter,

    /// <summary>SES-4: the session's user logged in again elsewhere, and sessionsPerUser=one ended this session.</summary>
    SessionLoggedInElsewhere,
}
