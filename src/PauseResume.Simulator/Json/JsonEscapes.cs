namespace PauseResume.Simulator.Json;

/// <summary>
/// JSON may write half of a UTF-16 surrogate pair as an escape (<c>"\ud800"</c>): the grammar allows it, but it is no
/// character, and System.Text.Json throws an <see cref="InvalidOperationException"/>, not a JSON error, when such a string
/// or name is read. A file or body is searched for one first, so it is refused as the mistake it is, with its place,
/// instead of ending in a 500 or a crash (GEN-3).
/// </summary>
internal static class JsonEscapes
{
    /// <summary>
    /// Where <paramref name="utf8"/> escapes half a surrogate pair (a high one not followed by the escape of a low one, or a
    /// low one alone), as a sentence; null where it escapes none. Backslashes stand only in strings in JSON, so every one
    /// starts an escape; anything that is no valid escape is left to the JSON reader to name.
    /// </summary>
    public static string? LoneSurrogate(ReadOnlySpan<byte> utf8)
    {
        var at = 0;
        while (at < utf8.Length && utf8[at..].IndexOf((byte)'\\') is var found and >= 0)
        {
            var escape = at + found;
            if (Unit(utf8, escape) is not { } unit)
            {
                at = escape + 2; // \" \\ \n …, or a \u the reader will refuse
                continue;
            }

            if (char.IsHighSurrogate(unit) && Unit(utf8, escape + 6) is { } low && char.IsLowSurrogate(low))
            {
                at = escape + 12;
                continue;
            }

            if (char.IsSurrogate(unit))
            {
                return $"the escape {System.Text.Encoding.ASCII.GetString(utf8.Slice(escape, 6))} at {TextPlace.Of(utf8, escape)} is half of a UTF-16 surrogate pair, not a character";
            }

            at = escape + 6;
        }

        return null;
    }

    /// <summary>The UTF-16 unit of a <c>\uXXXX</c> escape at <paramref name="offset"/>, or null where none stands there.</summary>
    private static char? Unit(ReadOnlySpan<byte> utf8, int offset) =>
        offset + 6 <= utf8.Length && utf8[offset] == (byte)'\\' && utf8[offset + 1] == (byte)'u'
        && ushort.TryParse(utf8.Slice(offset + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var unit)
            ? (char)unit
            : null;
}
