namespace PauseResume.Simulator.Domain;

/// <summary>
/// SES-5: the page a logout answers with. That it is answered as a login is inferred; many web applications answer a
/// logout with a page of their own.
/// </summary>
public enum LogoutPage
{
    /// <summary>As a login: the login's answer (<see cref="LoginPage"/>: its page, or its redirect), the same whatever the logout found.</summary>
    Login,

    /// <summary>A page of its own, the same for every logout, logged in or not: it tells nothing either.</summary>
    Own,
}
