namespace PauseResume.Simulator.Audit;

/// <summary>
/// Requests that keep coming on a session after the recorder answered 403 because it is not logged in (LST-2, DET-3,
/// PSE-4, SES-6, SES-4: the rule of that 403), when the client never logged in again from it: a client that does not
/// notice such a 403 fails every later action in production without telling its user.
/// </summary>
internal static class RefusalFindings
{
    public static IEnumerable<AuditFinding> Find(AuditTrail trail)
    {
        // Each session's requests gathered in one pass, in order, sessions in the order they first appear.
        var bySession = new Dictionary<string, List<AuditedRequest>>(StringComparer.Ordinal);
        var order = new List<List<AuditedRequest>>();
        foreach (var request in trail.Requests)
        {
            if (request.SessionId is { } id)
            {
                if (!bySession.TryGetValue(id, out var onSession))
                {
                    bySession[id] = onSession = [];
                    order.Add(onSession);
                }

                onSession.Add(request);
            }
        }

        foreach (var onSession in order)
        {
            if (IgnoredRefusal(onSession) is { Count: > 0 } ignored)
            {
                yield return trail.Finding(
                    "requests-after-403", ignored[0].Rule ?? "SES-3",
                    "the recorder answered 403 because the session is not logged in, and requests kept coming on it without a new login: log in again (or stop) after such a 403",
                    ignored);
            }
        }
    }

    /// <summary>
    /// The last "not logged in" 403 on one session with the requests that followed it, if the client never reacted by
    /// logging in again. A list right after a refused action is no follower: it is how a client asks whether its
    /// session is still logged in (SES-3, SES-6), and what follows it is judged from the list's own answer. A login from
    /// the session that handed out another id ends the session's story: requests still naming it later were built
    /// before that answer came (in flight on another thread), not sent after the client learned of the 403.
    /// </summary>
    private static List<AuditedRequest> IgnoredRefusal(IEnumerable<AuditedRequest> onSession)
    {
        var run = new List<AuditedRequest>();
        foreach (var request in onSession)
        {
            if (request.Kind == RequestKind.Login)
            {
                run.Clear(); // the client reacted, or had nothing to react to yet
                if (request.IssuedSessionId is { } issued && issued != request.SessionId)
                {
                    break;
                }
            }
            else if (run.Count == 0)
            {
                AddIf(run, request.SessionNotLoggedIn, request);
            }
            else if (run.Count == 1 && run[0].Kind != RequestKind.List && request.Kind == RequestKind.List)
            {
                run.Clear();
                AddIf(run, request.SessionNotLoggedIn, request); // the check's own 403 is the one to react to
            }
            else if (request.Kind != RequestKind.Logout)
            {
                run.Add(request); // a logout after a 403 is no harm, and no reaction either
            }
        }

        return run.Count > 1 ? run : [];
    }

    private static void AddIf(List<AuditedRequest> run, bool condition, AuditedRequest request)
    {
        if (condition)
        {
            run.Add(request);
        }
    }
}
