namespace PauseResume.Simulator.Domain;

/// <summary>
/// How a POST or PUT to pausedState whose body is not a form (none at all, say, with <c>paused</c> in the query) is
/// answered (PSE-3 is inferred: a servlet reads the query string whatever the body; a JAX-RS method that consumes only
/// forms refuses a request that is none with 415 before it looks at the session).
/// </summary>
public enum FormlessPost
{
    /// <summary>As the same request with an empty form: the query string is read.</summary>
    Read,

    /// <summary>
    /// 415 Unsupported Media Type, before the session and the couple are looked at, for anything but
    /// <c>application/x-www-form-urlencoded</c> (a multipart form too).
    /// </summary>
    Refused,
}
