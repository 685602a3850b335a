using PauseResume.Conformance.Rules;

namespace PauseResume.Conformance.Kit;

/// <summary>A rule's verdict in a report, how often it was checked, and the failure behind a failed or differing verdict.</summary>
internal sealed record RuleResult(KitRule Rule, RuleStatus Status, string Detail, int Checks, Failure? Failure);
