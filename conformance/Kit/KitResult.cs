namespace PauseResume.Conformance.Kit;

/// <summary>The outcome of a conformance run: every rule's verdict, and the audit of a real recorder.</summary>
internal sealed record KitResult(string Target, string Profile, int Seed, int Runs, IReadOnlyList<RuleResult> Rules, IReadOnlyList<string> AuditProblems)
{
    public bool Conformant => Rules.All(r => r.Status != RuleStatus.Failed) && AuditProblems.Count == 0;

    public Failure? Failure => Rules.Select(r => r.Failure).FirstOrDefault(f => f is not null);
}
