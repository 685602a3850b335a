using System.Text.RegularExpressions;

namespace PauseResume.Simulator.Tests.Support;

/// <summary>The rule rows of the team's API reference (RECORDER-API.md beside the repository), for the tests that keep rule lists in agreement with it.</summary>
public static partial class ApiReference
{
    /// <summary>Each rule's id and whether it is documented (D) rather than inferred, in the document's order; null when the document is not there.</summary>
    public static IReadOnlyList<(string Id, bool Documented)>? Rules()
    {
        var document = Path.Combine(Repository.Root, "..", "shared", "RECORDER-API.md");
        return File.Exists(document)
            ? RuleRow().Matches(File.ReadAllText(document)).Select(m => (m.Groups["id"].Value, m.Groups["kind"].Value == "D")).ToList()
            : null;
    }

    [GeneratedRegex(@"^\|\s*(?<id>[A-Z]{3}-\d+)\s*\|\s*(?<kind>[DI])\s*\|", RegexOptions.Multiline)]
    private static partial Regex RuleRow();
}
