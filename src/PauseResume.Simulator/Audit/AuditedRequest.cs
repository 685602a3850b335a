namespace PauseResume.Simulator.Audit;

/// <summary>
/// One request of the legacy API as the audit sees it: what was sent (never a password or a body's values, only the
/// names of its parameters and the values of <c>paused</c>), how it was answered, and what the answer showed.
/// </summary>
/// <param name="Target">The path with its query string, passwords masked.</param>
public sealed record AuditedRequest(string Method, string Target, int Status, string? Rule, RequestKind Kind)
{
    /// <summary>SES-2: whether the request carried any cookie at all.</summary>
    public bool CarriedCookie { get; init; }

    /// <summary>The session the request named (JSESSIONID), if any.</summary>
    public string? SessionId { get; init; }

    /// <summary>The session id the answer handed out (Set-Cookie), if any.</summary>
    public string? IssuedSessionId { get; init; }

    public long? CoupleId { get; init; }

    /// <summary>The user the request was decided for, or the login a login request named.</summary>
    public string? Login { get; init; }

    /// <summary>A login that worked (SES-3: its answer does not say so).</summary>
    public bool LoggedIn { get; init; }

    /// <summary>A login that named a session which was logged in at that moment: no recovery from a lost session.</summary>
    public bool NamedLoggedInSession { get; init; }

    /// <summary>A 403 because the session named is not logged in (never was, logged out, expired, ended at the cap).</summary>
    public bool SessionNotLoggedIn { get; init; }

    /// <summary>
    /// The couples the answer linked: self links of a list (LST-5), the pausedState link of details (DET-2). As the
    /// audit keeps the request, only those its client had not been shown before, so a list of a large world polled
    /// again and again costs the audit nothing more each time.
    /// </summary>
    public IReadOnlyList<long> Links { get; init; } = [];

    /// <summary>
    /// With this answer its client had been shown more couples than the audit remembers for one client
    /// (<see cref="ClientAudit.MaxLinkedPerTrail"/>): it is taken to have been shown every one.
    /// </summary>
    public bool LinksCut { get; init; }

    /// <summary>The names of the parameters of the query string and the form body.</summary>
    public IReadOnlyList<string> ParameterNames { get; init; } = [];

    /// <summary>The values given to <c>paused</c>, as sent.</summary>
    public IReadOnlyList<string> PausedValues { get; init; } = [];

    /// <summary>PSE-3: whether <c>paused</c> was in the query string.</summary>
    public bool PausedInQuery { get; init; }

    /// <summary>PSE-3: whether <c>paused</c> was in the form body.</summary>
    public bool PausedInBody { get; init; }

    /// <summary>SES-1, PSE-2: whether the body was a <c>multipart/form-data</c> form, which a recorder may not read at all.</summary>
    public bool MultipartForm { get; init; }

    public override string ToString() => $"{Method} {Target} → {Status}";
}
