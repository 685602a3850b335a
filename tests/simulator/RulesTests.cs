using System.Reflection;
using System.Text.RegularExpressions;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests;

public sealed partial class RulesTests
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
        var document = Path.Combine(Repository.Root, "..", "shared", "RECORDER-API.md");
        if (!File.Exists(document))
        {
            Assert.Skip("RECORDER-API.md is not beside the repository (expected at ../shared)");
        }

        var documented = RuleRow().Matches(File.ReadAllText(document))
            .Select(m => (Id: m.Groups["id"].Value, Kind: m.Groups["kind"].Value == "D" ? RuleKind.Documented : RuleKind.Inferred))
            .ToList();

        documented.ShouldNotBeEmpty();
        Rules.All.Select(r => (r.Id, r.Kind)).ShouldBe(documented, "ids and kinds, in the document's order");
    }

    [GeneratedRegex(@"^\|\s*(?<id>[A-Z]{3}-\d+)\s*\|\s*(?<kind>[DI])\s*\|", RegexOptions.Multiline)]
    private static partial Regex RuleRow();
}
