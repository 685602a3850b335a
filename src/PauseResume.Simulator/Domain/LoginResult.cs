namespace PauseResume.Simulator.Domain;

/// <summary>
/// A login: the session the answer is about and what really happened (the response never shows it, SES-3).
/// <see cref="IdIssued"/> says whether the answer hands out <see cref="SessionId"/> (Set-Cookie); under the profile's
/// <c>loginSessionId=kept</c> a known session keeps its id and nothing is set. <see cref="EndedAtCap"/> is the session
/// ended to make room at maxActiveSessions, if one was. <see cref="ReplacedLogin"/> is who the session the request named
/// was logged in as, if it was: a login on a live session is no recovery from a lost one.
/// </summary>
public sealed record LoginResult(
    string SessionId, LoginVerdict Verdict, string? Login, bool IdIssued = true, EndedSession? EndedAtCap = null, string? ReplacedLogin = null)
{
    /// <summary>How many other sessions of the user the login ended (sessionsPerUser=one, SES-4).</summary>
    public int EndedElsewhere { get; init; }

    /// <summary>SES-3 under loginPage=token: the token the answer's page shows; null under loginPage=fixed.</summary>
    public string? PageToken { get; init; }
}
