namespace PauseResume.Simulator.Domain;

/// <summary>
/// A logout: the session the answer is about, whether the answer hands its id out (Set-Cookie; see
/// <see cref="LoginResult"/>), and who was logged out (null if nobody was).
/// </summary>
public sealed record LogoutResult(string SessionId, string? Login, bool IdIssued = true, EndedSession? EndedAtCap = null)
{
    /// <summary>SES-3 under loginPage=token: the token the answer's login page shows; null under loginPage=fixed or logoutPage=own.</summary>
    public string? PageToken { get; init; }
}
