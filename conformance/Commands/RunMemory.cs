namespace PauseResume.Conformance.Commands;

/// <summary>What earlier steps of a run saw and later ones compare with.</summary>
internal sealed class RunMemory
{
    private readonly Dictionary<(int Slot, long Couple), (string Href, string Login)> links = [];
    private readonly HashSet<string> sessionIds = new(StringComparer.Ordinal);

    /// <summary>SES-3: the first login answer (status, content type, body); every login and logout must match it.</summary>
    public string? LoginShape { get; set; }

    public string? FirstLoginStep { get; set; }

    public HashSet<long> Touched { get; } = [];

    public void SawLink(int slot, long couple, string href, string login) => links[(slot, couple)] = (href, login);

    public string? LinkOf(int slot, long couple) => links.TryGetValue((slot, couple), out var link) ? link.Href : null;

    /// <summary>The user whose list showed the slot its link to the couple (a later login of the slot may be another).</summary>
    public string? LinkShownTo(int slot, long couple) => links.TryGetValue((slot, couple), out var link) ? link.Login : null;

    /// <summary>SES-4: true when the id was never handed out before in this run.</summary>
    public bool IsFresh(string sessionId) => sessionIds.Add(sessionId);
}
