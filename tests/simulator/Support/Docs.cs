using System.Text.RegularExpressions;

namespace PauseResume.Simulator.Tests.Support;

/// <summary>The Markdown an integrator reads: the README and everything under <c>docs/</c>, with its links and rule ids.</summary>
internal static partial class Docs
{
    /// <summary>Every Markdown file an integrator reads, relative to the repository root.</summary>
    public static IReadOnlyList<string> Files { get; } =
    [
        "README.md",
        .. Directory.EnumerateFiles(Path.Combine(Repository.Root, "docs"), "*.md", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal),
    ];

    public static string Read(string file) => File.ReadAllText(Path.Combine(Repository.Root, file));

    /// <summary>The text a reader sees as prose and tables: code blocks and code spans hold no links.</summary>
    public static string Prose(string file) => CodeSpan().Replace(FencedBlock().Replace(Read(file), string.Empty), string.Empty);

    /// <summary>The targets of the Markdown links of <paramref name="file"/> that point into the repository (not a URL, not a mail).</summary>
    public static IEnumerable<string> RelativeLinks(string file) =>
        Link().Matches(Prose(file)).Select(m => m.Groups["target"].Value)
            .Where(t => !t.Contains("://", StringComparison.Ordinal) && !t.StartsWith("mailto:", StringComparison.Ordinal));

    /// <summary>Whether a link target, relative to <paramref name="file"/>, names a file or folder that exists, and a heading there if it has a fragment.</summary>
    public static bool Resolves(string file, string target)
    {
        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var path = hash < 0 ? target : target[..hash];
        var fragment = hash < 0 ? null : target[(hash + 1)..];
        var full = path.Length == 0
            ? Path.Combine(Repository.Root, file)
            : Path.GetFullPath(Path.Combine(Repository.Root, Path.GetDirectoryName(file)!, Uri.UnescapeDataString(path)));
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            return false;
        }

        return fragment is null || (File.Exists(full) && Heading().Matches(File.ReadAllText(full)).Any(h => Slug(h.Groups["text"].Value) == fragment));
    }

    /// <summary>Every token shaped like a rule id (<c>SES-2</c>) in the file's text, code included, since examples cite rules too.</summary>
    public static IEnumerable<string> RuleIdsCited(string file, IReadOnlySet<string> prefixes) =>
        RuleId().Matches(Read(file)).Select(m => m.Value).Where(id => prefixes.Contains(id[..3]));

    /// <summary>A heading's anchor as the usual Markdown renderers make it.</summary>
    private static string Slug(string heading) =>
        NotInSlug().Replace(heading.Trim().ToLowerInvariant(), string.Empty).Replace(' ', '-');

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\[[^\]\n]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^a-z0-9 _-]")]
    private static partial Regex NotInSlug();

    [GeneratedRegex(@"\b[A-Z]{3}-\d+\b")]
    private static partial Regex RuleId();
}
