namespace PauseResume.Simulator.Domain;

/// <summary>
/// Whether an answer to a request that names no live session opens one (SES-4, inferred): a servlet container opens a
/// session wherever the application asks for one, and a page, a filter or a framework that asks on every request (a JSP
/// with sessions on, a security filter) makes every answer to a request without one set a fresh JSESSIONID.
/// </summary>
public enum AnonymousSession
{
    /// <summary>Only login and logout answers set a session cookie (loginSessionId, logoutSessionId).</summary>
    None,

    /// <summary>
    /// Every other answer of the legacy API to a request that names no live session sets a fresh JSESSIONID of a session
    /// not logged in, kept as a failed login's would be (under loginSessionId=fresh the id is handed out and nothing kept).
    /// </summary>
    AnyRequest,

    /// <summary>
    /// Only a refusal as not logged in (SES-1's 403) to a request that names no live session sets a fresh JSESSIONID, as a
    /// security filter that saves the refused request in a new session for after the login does; an unknown path's 404, a
    /// bad method's 405 or a bad request's 400 set none. The session is then kept as under any-request.
    /// </summary>
    Refusals,
}
