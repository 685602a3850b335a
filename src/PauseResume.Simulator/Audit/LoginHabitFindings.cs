namespace PauseResume.Simulator.Audit;

/// <summary>
/// Logins a client did not need: again and again on a session that was still logged in, or several from one session
/// at once. Both lean on SES-4, by which every login hands out a fresh session: what becomes of the one it replaces is
/// the recorder's own business (this simulator ends it; a recorder that keeps it until it expires, SES-6, fills its
/// session table and at its cap ends other users' sessions).
/// </summary>
internal static class LoginHabitFindings
{
    /// <summary>
    /// One login on a session that is still logged in can be a deliberate fresh start (another user, a reset); from the
    /// second on it is a habit, such as a login before every action.
    /// </summary>
    private const int ReloginsForALoop = 2;

    public static IEnumerable<AuditFinding> Find(AuditTrail trail)
    {
        var logins = trail.Requests.Where(r => r.Kind == RequestKind.Login).ToList();
        if (logins.Where(r => r.NamedLoggedInSession).ToList() is { Count: >= ReloginsForALoop } relogins)
        {
            yield return trail.Finding(
                "relogin-loop", "SES-4",
                $"{relogins.Count} logins on a session that was still logged in: each is two requests (SES-3 needs a check), each hands out a fresh session, and a recorder that keeps the old ones until they expire fills up; log in once, and again only after a 403 says the session is gone",
                relogins);
        }

        // Logins that named the same session and were each handed another: sent together (racing, say one per thread
        // after a 403), or without taking the id the first one handed out. The client keeps one of the fresh sessions,
        // whichever answer came last, and the others stay logged in with nobody to log them out.
        foreach (var racing in logins
                     .Where(r => r.SessionId is not null && r.IssuedSessionId is { } issued && issued != r.SessionId)
                     .GroupBy(r => r.SessionId, StringComparer.Ordinal)
                     .Where(g => g.Count() > 1))
        {
            yield return trail.Finding(
                "racing-logins", "SES-4",
                $"{racing.Count()} logins from the same session, each handed a fresh session: the client keeps one and the others stay logged in until they expire; let one login run at a time and the others wait for its session",
                racing);
        }
    }
}
