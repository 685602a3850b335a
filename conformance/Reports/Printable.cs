namespace PauseResume.Conformance.Reports;

/// <summary>Text a recorder sent, made safe to print where a line break or a control character would do harm.</summary>
internal static class Printable
{
    /// <summary>
    /// <paramref name="text"/> with every control character (line breaks, tabs, the escape that starts a terminal's
    /// control sequence) as a space: one line, which prints as it reads.
    /// </summary>
    public static string OneLine(string text) => string.Create(text.Length, text, static (line, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            line[i] = char.IsControl(source[i]) ? ' ' : source[i];
        }
    });
}
