namespace PauseResume.Conformance.Model;

/// <summary>
/// One client session of the scenario (A, B, C). <see cref="Because"/> is the rule that put it in its state, so a
/// later contradiction names the rule really broken (a login without a cookie that worked breaks SES-2, not LST-2).
/// </summary>
internal sealed record ModelSlot(string? User, string Because, TimeSpan LastSeen)
{
    public static ModelSlot Fresh { get; } = new(null, "LST-2", TimeSpan.Zero);

    /// <summary>When the login that holds this session worked: time passed since then may have expired it (SES-6).</summary>
    public TimeSpan LoggedInAt { get; init; }

    /// <summary>
    /// When the server last answered this session as logged in (a login, then any 2xx to a request that needs one): it
    /// was alive then, so only time passed since may have expired it (SES-6).
    /// </summary>
    public TimeSpan AnsweredAt { get; init; }

    public static string Name(int slot) => ((char)('A' + slot)).ToString();
}
