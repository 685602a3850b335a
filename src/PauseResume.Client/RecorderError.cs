namespace PauseResume.Client;

/// <summary>What went wrong, as far as the recorder lets it be told apart.</summary>
public enum RecorderError
{
    /// <summary>
    /// The login did not take: the login or password is wrong, or the user lacks Call List. The recorder does not let
    /// a client tell these apart: the login answer is the same either way (SES-3), and the list that checks it is a
    /// plain 403 either way (LST-2, LST-7).
    /// </summary>
    LoginRejected,

    /// <summary>The session is not logged in (never was, logged out, or expired, SES-6) and was not re-established.</summary>
    NotLoggedIn,

    /// <summary>
    /// The user may not do this: see or pause this couple (LST-5, DET-2, DET-3, PSE-4), or list the couples in a
    /// session the client has just seen logged in (LST-7: the user's rights changed meanwhile).
    /// </summary>
    NoPermission,

    /// <summary>The couple is unknown or has ended (DET-3, PSE-4).</summary>
    CoupleNotFound,

    /// <summary>No call in progress matched the phone number or IP address.</summary>
    NoMatchingCall,

    /// <summary>The server refused the request as malformed (PSE-2, LST-6).</summary>
    BadRequest,

    /// <summary>
    /// The server could not be reached, did not answer in time, cut its answer short (the request may have taken effect),
    /// or said it is unavailable (503, or 502/504 from a gateway; <see cref="RecorderException.ServerMessage"/> has its text).
    /// </summary>
    Unreachable,

    /// <summary>The server answered something the rules do not foresee.</summary>
    UnexpectedResponse,
}
