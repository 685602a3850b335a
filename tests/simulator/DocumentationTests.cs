using System.Text.RegularExpressions;
using System.Xml.Linq;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests;

/// <summary>
/// What an integrator reads (the README and docs/) stays true to the repository: its links lead somewhere, the
/// rules it cites exist, the reference lists every rule and setting, and the CI example installs the tools by
/// the names the projects pack them under.
/// </summary>
public sealed partial class DocumentationTests
{
    [Fact]
    public void Every_relative_link_in_the_README_and_docs_resolves()
    {
        var broken = Docs.Files
            .SelectMany(file => Docs.RelativeLinks(file).Where(target => !Docs.Resolves(file, target)).Select(target => $"{file}: {target}"))
            .ToList();

        Docs.Files.ShouldContain("docs/recorder-api.md");
        broken.ShouldBeEmpty("links that lead nowhere");
    }

    [Fact]
    public void Every_rule_id_the_README_and_docs_cite_is_in_the_rule_list()
    {
        var known = Rules.All.Select(r => r.Id).ToHashSet();
        var prefixes = known.Select(id => id[..3]).ToHashSet();

        var unknown = Docs.Files.SelectMany(file => Docs.RuleIdsCited(file, prefixes).Where(id => !known.Contains(id)).Select(id => $"{file}: {id}")).Distinct().ToList();

        unknown.ShouldBeEmpty("rule ids cited that the rule list does not have");
    }

    [Fact]
    public void The_reference_lists_every_rule_with_its_kind_in_the_rule_lists_order()
    {
        var rows = RuleRow().Matches(Docs.Read("docs/recorder-api.md")).Select(m => (m.Groups["id"].Value, m.Groups["kind"].Value == "D")).ToList();

        rows.ShouldBe(Rules.All.Select(r => (r.Id, r.Kind == RuleKind.Documented)).ToList(), "docs/recorder-api.md's table of every rule: ids and kinds");
    }

    [Fact]
    public void The_reference_describes_every_profile_setting()
    {
        var reference = Docs.Read("docs/recorder-api.md");

        RecorderProfile.SettingNames.Where(setting => !reference.Contains($"| `{setting}` |", StringComparison.Ordinal))
            .ShouldBeEmpty("profile settings without a row in docs/recorder-api.md's settings table");
    }

    [Theory]
    [InlineData("simulator/PauseResume.Simulator.Standalone.csproj")]
    [InlineData("conformance/PauseResume.Conformance.csproj")]
    public void The_CI_example_installs_each_tool_by_its_package_id_and_runs_its_command(string project)
    {
        var properties = XDocument.Load(Path.Combine(Repository.Root, project)).Descendants("PropertyGroup").Where(g => g.Attribute("Condition") is null).Elements().ToList();
        var packageId = properties.Single(p => p.Name == "PackageId").Value;
        var command = properties.Single(p => p.Name == "ToolCommandName").Value;
        var workflow = Docs.Read("docs/examples/recorder-integration.yml");

        workflow.ShouldContain($" {packageId}\n", customMessage: $"the workflow installs {packageId}");
        workflow.ShouldContain($".tools/{command} ", customMessage: $"the workflow runs {command}");
        Docs.Read("docs/ci-example.md").ShouldContain($"`{command}`", customMessage: "the CI example names the command");
    }

    [GeneratedRegex(@"^\|\s*(?<id>[A-Z]{3}-\d+)\s*\|\s*(?<kind>[DI])\s*\|", RegexOptions.Multiline)]
    private static partial Regex RuleRow();
}
