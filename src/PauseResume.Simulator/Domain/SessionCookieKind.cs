namespace PauseResume.Simulator.Domain;

/// <summary>
/// SES-4: the session cookie's attributes as the servlet container writes them: Tomcat 7 and later mark it HttpOnly by
/// default, Tomcat 6 did not (<c>useHttpOnly</c>). Either way a client sends it back the same.
/// </summary>
public enum SessionCookieKind
{
    /// <summary><c>JSESSIONID=…; Path=/callrec; HttpOnly</c>.</summary>
    HttpOnly,

    /// <summary><c>JSESSIONID=…; Path=/callrec</c>, without HttpOnly.</summary>
    Plain,
}
