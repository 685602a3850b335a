using System.Text.RegularExpressions;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Domain;

/// <summary>The README and the API reference name every profile setting with the default the code has.</summary>
public sealed partial class ProfileDocumentationTests
{
    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/recorder-api.md")]
    public void Every_setting_has_a_row_with_its_default(string document)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, document));
        var rows = SettingRow().Matches(text).Select(m => (Setting: m.Groups["setting"].Value, Cells: m.Groups["cells"].Value)).ToList();

        foreach (var (setting, value) in RecorderProfile.Default.Settings())
        {
            // An empty default (jvmRoute) is written as the word "empty".
            var cell = value.Length == 0 ? "| empty |" : $"| `{value}` |";
            rows.Where(r => r.Setting == setting).Select(r => r.Cells)
                .ShouldContain(cells => cells.Contains(cell, StringComparison.Ordinal), $"{document}: a row of {setting} with its default {cell}");
        }
    }

    [GeneratedRegex(@"^\| `(?<setting>[a-zA-Z]+)` (?<cells>\|.*)$", RegexOptions.Multiline)]
    private static partial Regex SettingRow();
}
