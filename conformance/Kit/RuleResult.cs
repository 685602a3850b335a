using PauseResume.Conformance.Rules;

namespace PauseResume.Conformance.Kit;

/// <summary>A rule's verdict in a report, how often it was checked, and the failure behind a failed or differing verdict.</summary>
internal sealed record RuleResult(KitRule Rule, RuleStatus Status, string Detail, int Checks, Failure? Failure)
{
    /// <summary>A difference the run measured outside its scenarios (a lag measured before them under --settle 0); it differs on its own.</summary>
    public string? Measured { get; init; }
}
