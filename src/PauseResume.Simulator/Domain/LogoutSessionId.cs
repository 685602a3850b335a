namespace PauseResume.Simulator.Domain;

/// <summary>
/// SES-4/SES-5: whether a logout answer hands out a session id. A servlet that invalidates the session sets no cookie
/// unless the page it answers with makes a new session (a JSP does, by default).
/// </summary>
public enum LogoutSessionId
{
    /// <summary>A new JSESSIONID, whatever loginSessionId says (under logoutSession=logged-out only for a logout naming no known session: the one it names is kept; under logged-out-new-id beside the one it names).</summary>
    Fresh,

    /// <summary>No Set-Cookie at all: the session the request named ends, and no new one is made.</summary>
    None,
}
