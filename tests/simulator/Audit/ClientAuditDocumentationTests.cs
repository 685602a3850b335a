using System.Text.RegularExpressions;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Audit;

/// <summary>docs/client-audit.md's table lists every finding the audit can name, with its rule.</summary>
public sealed partial class ClientAuditDocumentationTests
{
    [Fact]
    public void Every_finding_the_audit_names_has_a_row_in_the_audit_reference_with_its_rule()
    {
        var rows = FindingRow().Matches(File.ReadAllText(Path.Combine(Repository.Root, "docs", "client-audit.md")))
            .Select(m => (Names: BackQuoted().Matches(m.Groups["names"].Value).Select(n => n.Groups[1].Value).ToList(), Rule: m.Groups["rule"].Value))
            .ToList();
        var source = string.Concat(FindingSources().Select(File.ReadAllText));

        var named = FindingName().Matches(source).Select(m => (Name: m.Groups["name"].Value, Rule: m.Groups["rule"].Value)).ToList();

        named.Count.ShouldBeGreaterThanOrEqualTo(12, "every finding of the audit, found in its sources");
        foreach (var (name, rule) in named.Distinct())
        {
            var row = rows.FirstOrDefault(r => r.Names.Contains(name));
            row.Names.ShouldNotBeNull($"docs/client-audit.md: a row of the client audit's table for {name}");
            if (rule.Length > 0)
            {
                row.Rule.ShouldContain(rule, customMessage: $"docs/client-audit.md: the row of {name} names {rule}");
            }
        }
    }

    /// <summary>The audit's finding sources, wherever the simulator's project keeps them.</summary>
    private static IEnumerable<string> FindingSources() =>
        Directory.EnumerateFiles(Repository.Root, "*Findings.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    // "name", "RULE-n" where a finding is made; a rule given by the request itself (GEN-1/2, the 403's) has none here.
    [GeneratedRegex(@"(?:Finding\(|AuditFinding\(|[?:] )\s*""(?<name>[a-z]+(?:-[a-zA-Z0-9]+)+)""(?:,\s*""(?<rule>[A-Z]{3}-\d)"")?")]
    private static partial Regex FindingName();

    [GeneratedRegex(@"^\| (?<names>`[a-z][^|]*) \| (?<rule>[^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex FindingRow();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex BackQuoted();
}
