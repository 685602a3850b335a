namespace PauseResume.Client;

/// <summary>What went wrong, as far as the recorder lets it be told apart.</summary>
public enum RecorderError
{
    /// <summary>The login did not take: wrong login or password, or a user without Call List (SES-3: the server does not say which).</summary>
    LoginRejected,

    /// <summary>The credentials are wrong (told apart only where the server's 403 message says so).</summary>
    WrongCredentials,

    /// <summary>The user may not list calls (LST-7), so the API is closed to them.</summary>
    NoCallList,

    /// <summary>The session is not logged in (never was, logged out, or expired, SES-6) and was not re-established.</summary>
    NotLoggedIn,

    /// <summary>The user may not see or pause this couple (LST-5, DET-2, DET-3, PSE-4).</summary>
    NoPermission,

    /// <summary>The couple is unknown or has ended (DET-3, PSE-4).</summary>
    CoupleNotFound,

    /// <summary>No call in progress matched the phone number or IP address.</summary>
    NoMatchingCall,

    /// <summary>The server refused the request as malformed (PSE-2, LST-6).</summary>
    BadRequest,

    /// <summary>The server could not be reached, or did not answer in time.</summary>
    Unreachable,

    /// <summary>The server answered something the rules do not foresee.</summary>
    UnexpectedResponse,
}
