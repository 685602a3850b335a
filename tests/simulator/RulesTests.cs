using System.Reflection;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests;

public sealed class RulesTests
{
    [Fact]
    public void Every_rule_has_a_test_named_after_it()
    {
        var testNames = typeof(RulesTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttributes().Any(a => a is FactAttribute || a.GetType().Name == "PropertyAttribute"))
            .Select(m => m.Name)
            .ToList();

        var untested = Rules.All.Where(rule => !testNames.Any(name => name.StartsWith(rule.Id.Replace('-', '_') + "_", StringComparison.Ordinal)));

        untested.Select(r => r.Id).ShouldBeEmpty("rules without a test named after them");
    }

    [Fact]
    public void The_rule_list_agrees_with_RECORDER_API_md()
    {
        var documented = ApiReference.Rules();
        if (documented is null)
        {
            Assert.Skip("RECORDER-API.md is not beside the repository (expected at ../shared)");
        }

        documented.ShouldNotBeEmpty();
        Rules.All.Select(r => (r.Id, r.Kind == RuleKind.Documented)).ShouldBe(documented, "ids and kinds, in the document's order");
    }
}
