using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Kit;

/// <summary>
/// A failed check with its minimal reproduction: the shrunk scenario, its trace, a curl script, how to replay it,
/// and the profile settings that, changed so, make the scenario pass (empty: no setting explains it).
/// </summary>
internal sealed record Failure(
    Check Check,
    Scenario Scenario,
    int FailingStep,
    IReadOnlyList<string> Trace,
    string CurlScript,
    int Run,
    string? Focus,
    IReadOnlyList<SettingChange> Explained)
{
    /// <summary>
    /// The rule the failure is reported under: the check's, or, where a setting explains it, that setting's rule (a 403
    /// the session policy relabelled SES-1 that refusalOrder explains is a DET-3 or PSE-4 difference).
    /// </summary>
    public string Rule => RuleLedger.RuleOf(this);

    /// <summary>Settings the run had learned from the server before this failure; a replay needs them too.</summary>
    public IReadOnlyList<SettingChange> Learned { get; init; } = [];

    /// <summary>
    /// Values that explain it as well as the last of <see cref="Explained"/> does, each in its place: the run could not tell
    /// which the server has.
    /// </summary>
    public IReadOnlyList<SettingChange> Alternatives { get; init; } = [];

    /// <summary>The values that explain it, as the reports name them: <c>setting=value (profile: other)</c>, and any that fit as well.</summary>
    public string Matching =>
        string.Join(", ", Explained) + (Alternatives.Count == 0 ? string.Empty : $", or as well {string.Join(" or ", Alternatives)} (nothing the run met so far told them apart; the probe measures each)");

    /// <summary>A documented rule broken, which no profile setting explains: a bug in the server.</summary>
    public bool BreaksDocumentedRule => Check.Documented && Explained.Count == 0;

    /// <summary>The flags that replay the scenario: the seed, the run and, for a scenario aimed at a rule, the rule.</summary>
    public string ReplayFlags(int seed) =>
        string.Concat(Learned.Select(c => $"--set {c.Setting}={c.ServerValue} ")) + FormattableString.Invariant($"--seed {seed} --run {Run}") + (Focus is null ? string.Empty : $" --focus {Focus}");
}
