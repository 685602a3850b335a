namespace PauseResume.Conformance.Commands;

/// <summary>What earlier steps of a run saw and later ones compare with.</summary>
internal sealed class RunMemory
{
    private readonly Dictionary<(int Slot, long Couple), string> links = [];
    private readonly HashSet<string> sessionIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> loginsNamed = new(StringComparer.Ordinal);

    /// <summary>SES-3: the first login answer (status, content type, body); every login and logout must match it.</summary>
    public string? LoginShape { get; set; }

    /// <summary>SES-3: the first login answer's <see cref="Wire.Exchange.Gist"/>.</summary>
    public string? LoginGist { get; set; }

    public string? FirstLoginStep { get; set; }

    public HashSet<long> Touched { get; } = [];

    public void SawLink(int slot, long couple, string href) => links[(slot, couple)] = href;

    public string? LinkOf(int slot, long couple) => links.GetValueOrDefault((slot, couple));

    /// <summary>A login request named <paramref name="login"/> (whatever its password).</summary>
    public void SentLogin(string login) => loginsNamed[login] = LoginsNamed(login) + 1;

    public int LoginsNamed(string login) => loginsNamed.GetValueOrDefault(login);

    /// <summary>SES-4: true when the id was never handed out before in this run.</summary>
    public bool IsFresh(string sessionId) => sessionIds.Add(sessionId);
}
