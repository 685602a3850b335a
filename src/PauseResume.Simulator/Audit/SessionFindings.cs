namespace PauseResume.Simulator.Audit;

/// <summary>Login and logout habits: SES-2, SES-3, SES-5, and requests that keep coming on a session that is not logged in.</summary>
internal static class SessionFindings
{
    public static IEnumerable<AuditFinding> Find(AuditTrail trail)
    {
        var requests = trail.Requests;
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            if (request.Kind == RequestKind.Login && !request.CarriedCookie)
            {
                yield return trail.Finding(
                    "login-without-cookie", "SES-2",
                    "a login without any cookie is ignored by the recorder even with the right password; send any cookie with it", request);
            }

            if (request.Kind == RequestKind.Login && !request.LoggedIn && i + 1 < requests.Count
                && requests[i + 1].Kind is RequestKind.Details or RequestKind.PausedState)
            {
                yield return trail.Finding(
                    "unchecked-login", "SES-3",
                    "the login did not take, and the client acted on it without checking: a login's answer never says whether it worked, so check it (a list answers 403 when it did not)",
                    request, requests[i + 1]);
            }

            if (request.SessionNotLoggedIn && Followers(requests, i) is { Count: > 0 } followers)
            {
                yield return trail.Finding(
                    "requests-after-403", request.Rule ?? "SES-3",
                    "the recorder answered 403 because the session is not logged in, and requests kept coming on it: log in again (or stop) after such a 403",
                    [request, .. followers]);
                i += followers.Count;
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
    /// The requests after a "not logged in" 403 on the same session, up to the next login or logout. A list right after
    /// a refused action is no finding: it is how a client asks whether its session is still logged in (SES-3, SES-6);
    /// what follows that list is judged from the list's own answer.
    /// </summary>
    private static List<AuditedRequest> Followers(List<AuditedRequest> requests, int refused) =>
        refused + 1 < requests.Count && requests[refused].Kind != RequestKind.List && requests[refused + 1].Kind == RequestKind.List
            ? []
            : requests.Skip(refused + 1).TakeWhile(r => r.Kind is not (RequestKind.Login or RequestKind.Logout)).ToList();

    /// <summary>The last login that worked, when no logout (nor another login, which ends its session under SES-4) followed it.</summary>
    private static AuditedRequest? NeverLoggedOut(List<AuditedRequest> requests)
    {
        var last = requests.FindLastIndex(r => r.LoggedIn);
        return last >= 0 && !requests.Skip(last + 1).Any(r => r.Kind is RequestKind.Login or RequestKind.Logout) ? requests[last] : null;
    }
}
