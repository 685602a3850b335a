namespace PauseResume.Conformance.Kit;

/// <summary>A rule's verdict: kept, broken (documented: a bug), differing from the profile (inferred), or not checked.</summary>
internal enum RuleStatus
{
    Passed,
    Failed,
    Differs,
    NotChecked,
}
