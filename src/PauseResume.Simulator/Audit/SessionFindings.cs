namespace PauseResume.Simulator.Audit;

/// <summary>Login and logout habits: SES-2, SES-3 and SES-5.</summary>
internal static class SessionFindings
{
    public static IEnumerable<AuditFinding> Find(AuditTrail trail)
    {
        var requests = trail.Requests;
        var nextAfterFailedLogin = NextOnItsSession(requests);
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            if (request.Kind == RequestKind.Login && !request.CarriedCookie)
            {
                yield return trail.Finding(
                    "login-without-cookie", "SES-2",
                    "a login without any cookie is ignored by the recorder even with the right password; send any cookie with it", request);
            }

            if (request.Kind == RequestKind.Login && !request.LoggedIn && nextAfterFailedLogin.GetValueOrDefault(i) is { Kind: RequestKind.Details or RequestKind.PausedState } acted)
            {
                yield return trail.Finding(
                    "unchecked-login", "SES-3",
                    "the login did not take, and the client acted on it without checking: a login's answer never says whether it worked, so check it (a list answers 403 when it did not)",
                    request, acted);
            }
        }

        if (NeverLoggedOut(requests) is { } login)
        {
            yield return trail.Finding(
                "never-logged-out", "SES-5",
                "the session was never logged out: it stays on the recorder until it expires, and many such sessions push out others at the session cap", login);
        }
    }

    /// <summary>
    /// For each login that did not take, by its place: the client's next request on the session the login handed out, or
    /// on the one it named if the client kept that; by session rather than by place in the trail, so a request still in
    /// flight from before the login is not taken for the client's next step. One pass from the end, so a trail of many
    /// failed logins costs what its length costs.
    /// </summary>
    private static Dictionary<int, AuditedRequest> NextOnItsSession(List<AuditedRequest> requests)
    {
        var next = new Dictionary<int, AuditedRequest>();
        var nextOnSession = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = requests.Count - 1; i >= 0; i--)
        {
            var request = requests[i];
            if (request.Kind == RequestKind.Login && !request.LoggedIn)
            {
                var first = Math.Min(PlaceOf(request.IssuedSessionId), PlaceOf(request.SessionId));
                if (first != int.MaxValue)
                {
                    next[i] = requests[first];
                }
            }

            if (request.SessionId is { } id)
            {
                nextOnSession[id] = i; // after the login's own look-up: the next request must come after it
            }
        }

        return next;

        int PlaceOf(string? session) => session is not null && nextOnSession.TryGetValue(session, out var place) ? place : int.MaxValue;
    }

    /// <summary>
    /// The last login that worked, when no logout followed it, nor another login (which ends its session under SES-4),
    /// nor a 403 saying its session is not logged in: a session the recorder ended itself (SES-6, SES-4) needs no logout.
    /// </summary>
    private static AuditedRequest? NeverLoggedOut(List<AuditedRequest> requests)
    {
        var last = requests.FindLastIndex(r => r.LoggedIn);
        if (last < 0)
        {
            return null;
        }

        var session = requests[last].IssuedSessionId ?? requests[last].SessionId;
        return requests.Skip(last + 1).Any(r => r.Kind is RequestKind.Login or RequestKind.Logout || (r.SessionNotLoggedIn && r.SessionId == session))
            ? null
            : requests[last];
    }
}
