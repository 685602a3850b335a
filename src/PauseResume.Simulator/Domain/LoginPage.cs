namespace PauseResume.Simulator.Domain;

/// <summary>
/// The page every login and logout answers with (SES-3 documents one page whatever happened; that it is the same byte
/// for byte is inferred): a web application's login form may carry a per-request token, which tells nothing about the
/// outcome.
/// </summary>
public enum LoginPage
{
    /// <summary>The same small page, byte for byte, for every login and logout.</summary>
    Fixed,

    /// <summary>
    /// The same page with a login form carrying a fresh token in a hidden field each time, as Spring Security writes its
    /// CSRF token (<c>_csrf</c>, a random UUID).
    /// </summary>
    Token,

    /// <summary>
    /// No page: 302 Found to the application's start (<c>Location: /callrec/</c>) with no body, as a Struts action whose
    /// result redirects answers; the session cookie as with a page. A logout answered as a login (logoutPage=login) is
    /// redirected alike.
    /// </summary>
    Redirect,
}
