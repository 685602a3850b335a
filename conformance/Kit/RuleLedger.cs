using System.Collections.Concurrent;
using PauseResume.Simulator;

namespace PauseResume.Conformance.Kit;

/// <summary>For every rule: how often it was checked and passed, the first failure, or why it was not checked.</summary>
internal sealed class RuleLedger
{
    private readonly ConcurrentDictionary<string, int> passed = new();
    private readonly ConcurrentDictionary<string, Failure> failed = new();
    private readonly ConcurrentDictionary<string, string> skipped = new();

    public void Record(Check check)
    {
        if (check.Passed)
        {
            passed.AddOrUpdate(check.Rule, 1, (_, n) => n + 1);
        }
    }

    public void Fail(Failure failure) => failed.TryAdd(failure.Check.Rule, failure);

    /// <summary>Says why a rule cannot be checked on this target; a rule that was checked keeps its result.</summary>
    public void NotCheckable(string rule, string why) => skipped.TryAdd(rule, why);

    public IReadOnlyList<RuleResult> Results() =>
        Rules.All.Select(rule =>
            failed.TryGetValue(rule.Id, out var failure) ? new RuleResult(rule, RuleStatus.Failed, failure.Check.What, 0, failure)
            : passed.TryGetValue(rule.Id, out var n) && !skipped.ContainsKey(rule.Id) ? new RuleResult(rule, RuleStatus.Passed, $"{n} check(s) passed", n, null)
            : new RuleResult(rule, RuleStatus.NotChecked, skipped.GetValueOrDefault(rule.Id) ?? "no scenario reached it; try more --runs", 0, null))
        .ToList();
}
