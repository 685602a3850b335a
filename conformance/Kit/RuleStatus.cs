namespace PauseResume.Conformance.Kit;

internal enum RuleStatus
{
    Passed,
    Failed,
    NotChecked,
}
