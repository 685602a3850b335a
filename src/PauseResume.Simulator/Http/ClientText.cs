using System.Buffers;
using System.Globalization;
using System.Text;

namespace PauseResume.Simulator.Http;

/// <summary>
/// Text a client sent, as the simulator quotes it in a log line, an error body or the audit: control characters (a line
/// break, an escape sequence) and the characters that reorder text on a screen are written as escapes, so one request is
/// one line and no client can forge another line or drive the operator's terminal; a long value is cut.
/// </summary>
internal static class ClientText
{
    /// <summary>Enough of a name, a value or a path to recognise it; the audit keeps no more of each.</summary>
    public const int Kept = 200;

    // Control characters, line and paragraph separators, and every format character: the invisible ones (a soft hyphen,
    // zero-width spaces and joiners) and those that reorder text (the bidirectional marks, embeddings and isolates). So
    // are the characters that look like another or like nothing: every space but the plain one (a no-break space reads as
    // one), and the marks and letters a font draws as nothing (below). A visible mark stays as it is: an accent written
    // apart (José in NFD), a Thai vowel, a Devanagari sign. The halves of a surrogate pair send the search to the
    // characters past the BMP, which hold format characters too (the tags U+E0001..U+E007F, musical formatting
    // U+1D173..U+1D17A) and the variation selectors U+E0100..U+E01EF.
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        [.. Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(c => c != ' ' && (Invisible.Contains(c) || IsUnsafe(CharUnicodeInfo.GetUnicodeCategory(c)) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Surrogate))]);

    /// <summary>
    /// Marks and letters a font draws as nothing, though not format characters: the combining grapheme joiner (U+034F),
    /// the Khmer inherent vowels (U+17B4, U+17B5), the Mongolian variation selectors (U+180B..U+180D, U+180F), the
    /// variation selectors (U+FE00..U+FE0F), the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) and the braille blank (U+2800).
    /// </summary>
    private static ReadOnlySpan<char> Invisible =>
        "\u034F\u17B4\u17B5\u180B\u180C\u180D\u180F\uFE00\uFE01\uFE02\uFE03\uFE04\uFE05\uFE06\uFE07\uFE08\uFE09\uFE0A\uFE0B\uFE0C\uFE0D\uFE0E\uFE0F\u115F\u1160\u3164\uFFA0\u2800";

    private static bool IsUnsafe(UnicodeCategory category) => category
        is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.SpaceSeparator;

    private static bool IsUnsafe(Rune rune) => IsUnsafe(Rune.GetUnicodeCategory(rune)) || rune.Value is >= 0xE0100 and <= 0xE01EF;

    private static readonly SearchValues<char> Plain = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._@-");

    /// <summary>
    /// A name a client sent (a login), as a reason quotes it: as it is where it holds only letters, digits and <c>._@-</c>,
    /// else in quotes (a quote, a backslash or the arrow every line puts before its answer escaped), so that no login reads as the rest of a line
    /// (<c>login by '\u2192 204: admin paused couple 24199' ignored</c>) and a written <c>\u200B</c> is not a zero-width space.
    /// </summary>
    public static string Named(string name) =>
        name.Length > 0 && !name.AsSpan().ContainsAnyExcept(Plain) ? name : Quoted(name);

    /// <summary>
    /// <paramref name="text"/> in quotes, a quote, a backslash and the arrow every log line puts before its answer escaped
    /// inside them, so a value cannot close its quotes and read as the rest of the line.
    /// </summary>
    public static string Quoted(string text) =>
        $"'{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal).Replace("→", "\\u2192", StringComparison.Ordinal)}'";

    /// <summary>
    /// <paramref name="text"/> with every unsafe character escaped (<c>\n</c>, <c>\u001B</c>, <c>\U000E0041</c> past the
    /// BMP, a lone half of a surrogate pair as <c>\uD800</c>); itself when it has none.
    /// </summary>
    public static string Escaped(string text)
    {
        var first = text.AsSpan().IndexOfAny(Unsafe);
        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var rest = text.AsSpan(first); !rest.IsEmpty;)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done)
            {
                escaped.Append("\\u").Append(((int)rest[0]).ToString("X4", CultureInfo.InvariantCulture));
                rest = rest[1..];
                continue;
            }

            _ = rune.Value switch
            {
                '\n' => escaped.Append("\\n"),
                '\r' => escaped.Append("\\r"),
                '\t' => escaped.Append("\\t"),
                _ when rune.IsBmp && Unsafe.Contains((char)rune.Value) => escaped.Append("\\u").Append(rune.Value.ToString("X4", CultureInfo.InvariantCulture)),
                _ when !rune.IsBmp && IsUnsafe(rune) => escaped.Append("\\U").Append(rune.Value.ToString("X8", CultureInfo.InvariantCulture)),
                _ => escaped.Append(rest[..used]),
            };
            rest = rest[used..];
        }

        return escaped.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> cut to <paramref name="length"/> characters, saying how long it was; never between the two
    /// halves of a surrogate pair (the half left would be escaped as <c>\uD83D</c>, no character of the text).
    /// </summary>
    public static string Cut(string text, int length = Kept) =>
        text.Length <= length ? text
        : string.Create(CultureInfo.InvariantCulture, $"{text[..(char.IsHighSurrogate(text[length - 1]) && char.IsLowSurrogate(text[length]) ? length - 1 : length)]}… ({text.Length} characters)");
}
