using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PauseResume.Simulator.Http;

/// <summary>
/// The encoding a charset names, as a Java servlet knows them: by Java's own aliases too (<c>UTF8</c>, <c>Cp1252</c>,
/// <c>ISO8859_1</c>), which .NET alone does not know, and the code pages of the Windows family, whose provider is
/// registered here. The simulator decodes a client's form by it; the conformance kit a recorder's answer.
/// </summary>
internal static partial class Charsets
{
    /// <summary>Java's names that no rewriting below turns into one .NET knows.</summary>
    private static readonly Dictionary<string, string> JavaNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UnicodeBig"] = "utf-16BE",
        ["UnicodeBigUnmarked"] = "utf-16BE",
        ["UnicodeLittle"] = "utf-16LE",
        ["UnicodeLittleUnmarked"] = "utf-16LE",
        ["SJIS"] = "shift_jis",
        ["ASCII"] = "us-ascii",
    };

    static Charsets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding <paramref name="charSet"/> names (quotes and Java's spellings allowed), or null if none does.</summary>
    public static Encoding? Resolve(string charSet)
    {
        var name = charSet.Trim().Trim('"').Trim();
        foreach (var candidate in Candidates(name))
        {
            try
            {
                return Encoding.GetEncoding(candidate);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                // not this spelling; the next one may be known
            }
        }

        if (CodePage().Match(name) is { Success: true } page && int.TryParse(page.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            try
            {
                return Encoding.GetEncoding(number); // Java's Cp1252, MS932: the code page by its number
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                return null;
            }
        }

        return null;
    }

    private static IEnumerable<string> Candidates(string name)
    {
        if (name.Length == 0)
        {
            yield break;
        }

        yield return name;
        if (JavaNames.TryGetValue(name, out var known))
        {
            yield return known;
        }

        var dashed = name.Replace('_', '-');
        yield return dashed;
        if (Family().Match(dashed) is { Success: true } family)
        {
            yield return $"{family.Groups[1].Value}-{family.Groups[2].Value}"; // UTF8 → UTF-8, ISO8859-1 → ISO-8859-1
        }
    }

    [GeneratedRegex("^(UTF|ISO|EUC)-?([0-9].*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Family();

    [GeneratedRegex("^(?:Cp|MS|windows-?|IBM-?)([0-9]{3,5})$", RegexOptions.IgnoreCase)]
    private static partial Regex CodePage();
}
