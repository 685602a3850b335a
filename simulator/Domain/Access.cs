namespace PauseResume.Simulator.Domain;

/// <summary>How the recorder decided a request; every value maps to one status and rule id in the HTTP layer.</summary>
public enum Access
{
    Granted,
    NotLoggedIn,
    SessionExpired,
    NoCallList,
    UnknownCouple,
    OutsideMasks,
    NoPauseRight,
    BadParameter,
}
