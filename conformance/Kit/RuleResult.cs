using PauseResume.Simulator;

namespace PauseResume.Conformance.Kit;

/// <summary>A rule's verdict in a report.</summary>
internal sealed record RuleResult(Rule Rule, RuleStatus Status, string Detail, int Checks, Failure? Failure);
