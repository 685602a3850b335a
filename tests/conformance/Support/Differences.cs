using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Rules;
using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Tests.Support;

/// <summary>Failures and results made by hand, for the tests of what a run records and reports of them.</summary>
internal static class Differences
{
    private static readonly Scenario Empty = new(new WorldSpec(1, [], []), []);

    /// <summary>A failure of <paramref name="check"/> on an empty scenario, explained by <paramref name="explained"/>.</summary>
    public static Failure Of(Check check, params SettingChange[] explained) => new(check, Empty, 0, [], string.Empty, 1, null, explained);

    /// <summary>A run whose one failure is a difference on its check's rule.</summary>
    public static KitResult Result(Failure failure) =>
        new("a recorder", "default", null, 1, 1, [new RuleResult(RuleCatalogue.Get(failure.Check.Rule), RuleStatus.Differs, "differs", 1, failure)], [failure], []);
}
