namespace PauseResume.Simulator.Domain;

/// <summary>SES-4/SES-5: whether login and logout answers hand out a new session id.</summary>
public enum LoginSessionId
{
    /// <summary>Every login and logout answer sets a new JSESSIONID; a session id known before login is never authenticated.</summary>
    Fresh,

    /// <summary>A request naming a session the server knows keeps it (no Set-Cookie); only a request naming none gets a new id.</summary>
    Kept,

    /// <summary>
    /// A login that works changes the id (a session-fixation defence: <c>changeSessionId</c> after the login), one that
    /// fails keeps the session its request named, as <see cref="Kept"/>; a logout sets a new id, as <see cref="Fresh"/>.
    /// </summary>
    OnSuccess,
}
