namespace PauseResume.Simulator.Audit;

/// <summary>
/// One client as the audit follows it: the requests of a chain of session ids, each handed out in an answer to a
/// request that named the one before (a re-login stays in the trail, since SES-4 hands out a fresh id each time).
/// </summary>
internal sealed class AuditTrail(string label)
{
    public string Label { get; } = label;

    public List<AuditedRequest> Requests { get; } = [];

    public HashSet<string> SessionIds { get; } = new(StringComparer.Ordinal);

    /// <summary>The couples a list showed this client with a self link (LST-5), kept as the requests come.</summary>
    public LinkedIds SelfLinked { get; } = new();

    /// <summary>The couples details showed this client a pausedState link of (DET-2), kept as the requests come.</summary>
    public LinkedIds PausedStateLinked { get; } = new();

    /// <summary>This client was shown more couples than the audit remembers for one client: no id is unlinked for it any more.</summary>
    public bool ShownEvery { get; set; }

    private (int Count, string? Login) lastLogin;

    /// <summary>
    /// The last user who logged in on this trail, for naming its findings; looked for once per length of the trail, not
    /// once per finding (a trail of 100,000 requests without a login would be searched whole for each).
    /// </summary>
    public string? Login
    {
        get
        {
            if (lastLogin.Count != Requests.Count)
            {
                lastLogin = (Requests.Count, Requests.LastOrDefault(r => r.LoggedIn)?.Login);
            }

            return lastLogin.Login;
        }
    }

    public AuditFinding Finding(string name, string rule, string risk, params IEnumerable<AuditedRequest> requests)
    {
        var list = requests.ToList();
        return new AuditFinding(name, rule, Label, list.LastOrDefault(r => r.LoggedIn)?.Login ?? Login, risk, list);
    }
}
