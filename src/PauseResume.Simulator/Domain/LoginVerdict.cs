namespace PauseResume.Simulator.Domain;

/// <summary>What a login POST really did; the response never shows it (SES-3), the request log does.</summary>
public enum LoginVerdict
{
    LoggedIn,
    NoCookie,
    MissingFields,
    UnknownUser,
    WrongPassword,

    /// <summary>The user holds a logged-in session in another session already (sessionsPerUser=first-wins).</summary>
    HeldElsewhere,
}
