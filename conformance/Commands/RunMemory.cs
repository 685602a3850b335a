namespace PauseResume.Conformance.Commands;

/// <summary>What earlier steps of a run saw and later ones compare with.</summary>
internal sealed class RunMemory
{
    private readonly Dictionary<(int Slot, long Couple), (string Href, string Login)> links = [];
    private readonly Dictionary<(int Slot, long Couple, string Rel), (string Login, bool Shown)> sightings = [];
    private readonly HashSet<string> sessionIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> loginsNamed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> lastLoginAt = new(StringComparer.Ordinal);

    /// <summary>SES-3: the first login answer (status, content type, body); every login and logout must match it.</summary>
    public string? LoginShape { get; set; }

    /// <summary>SES-3: the first login answer's <see cref="Wire.Exchange.Gist"/>.</summary>
    public string? LoginGist { get; set; }

    public string? FirstLoginStep { get; set; }

    public HashSet<long> Touched { get; } = [];

    /// <summary>
    /// PSE-1, PSE-3: the places ("the form body of a POST", "…of a PUT", "the query string") where a good paused value,
    /// allowed by the rules, was answered 400. A faithful server reads at least the query or a POST's body.
    /// </summary>
    public HashSet<string> GoodValueRefusedIn { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether one of those refusals asked for a change (a pause of a recording couple, a resume of a paused one).</summary>
    public bool RefusedAChange { get; set; }

    public void SawLink(int slot, long couple, string href, string login) => links[(slot, couple)] = (href, login);

    public string? LinkOf(int slot, long couple) => links.TryGetValue((slot, couple), out var link) ? link.Href : null;

    /// <summary>
    /// LST-5, DET-2: whether the list (rel "self") or the details (rel "pausedState") last showed this slot's user a
    /// link to the couple. The server's own links say what the user may do, where the access rules are only inferred.
    /// </summary>
    public void SawLinkOrNot(int slot, long couple, string rel, string login, bool shown) => sightings[(slot, couple, rel)] = (login, shown);

    /// <summary>Whether <paramref name="login"/>, in this slot, was last shown the link; null if never asked as that user.</summary>
    public bool? Showed(int slot, long couple, string rel, string login) =>
        sightings.TryGetValue((slot, couple, rel), out var seen) && seen.Login == login ? seen.Shown : null;

    /// <summary>A login request named <paramref name="login"/> (whatever its password), the transcript's <paramref name="at"/>th request.</summary>
    public void SentLogin(string login, int at)
    {
        loginsNamed[login] = LoginsNamed(login) + 1;
        lastLoginAt[login] = at;
    }

    public int LoginsNamed(string login) => loginsNamed.GetValueOrDefault(login);

    /// <summary>Where in the transcript the last login request naming <paramref name="login"/> stands; -1 if none.</summary>
    public int LastLoginAt(string login) => lastLoginAt.GetValueOrDefault(login, -1);

    /// <summary>SES-4: true when the id was never handed out before in this run.</summary>
    public bool IsFresh(string sessionId) => sessionIds.Add(sessionId);
}
