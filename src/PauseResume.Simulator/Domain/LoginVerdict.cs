namespace PauseResume.Simulator.Domain;

/// <summary>What a login POST really did; the response never shows it (SES-3), the request log does.</summary>
public enum LoginVerdict
{
    LoggedIn,
    NoCookie,
    MissingFields,
    UnknownUser,
    WrongPassword,
}
