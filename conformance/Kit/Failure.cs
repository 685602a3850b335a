using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Kit;

/// <summary>A broken rule with its minimal reproduction: the shrunk scenario, its trace and a curl script.</summary>
internal sealed record Failure(Check Check, Scenario Scenario, int FailingStep, IReadOnlyList<string> Trace, string CurlScript, int Run);
