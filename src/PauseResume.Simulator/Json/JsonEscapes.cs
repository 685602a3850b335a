namespace PauseResume.Simulator.Json;

/// <summary>
/// JSON may write half of a UTF-16 surrogate pair as an escape (<c>"\ud800"</c>): the grammar allows it, but it is no
/// character, and System.Text.Json throws an <see cref="InvalidOperationException"/>, not a JSON error, when such a string
/// or name is read; so it does for bytes that are not UTF-8 inside a string. A file or body is searched for either first,
/// so it is refused as the mistake it is, with its place, instead of ending in a 500 or a crash (GEN-3).
/// </summary>
internal static class JsonEscapes
{
    /// <summary>
    /// What makes <paramref name="utf8"/> no JSON text a string can be read from (a byte that is not UTF-8, or an escape of
    /// half a surrogate pair), as a sentence with its place; null where there is neither.
    /// </summary>
    public static string? NotText(ReadOnlySpan<byte> utf8) =>
        NotUtf8(utf8) is { } where ? $"it is not UTF-8 text: {where} is not part of a UTF-8 character" : LoneSurrogate(utf8);

    /// <summary>Where the first byte of <paramref name="utf8"/> that is not part of a UTF-8 character stands; null where every one is.</summary>
    public static string? NotUtf8(ReadOnlySpan<byte> utf8)
    {
        if (System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return null;
        }

        var offset = 0;
        while (System.Text.Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }

        return $"the byte at {TextPlace.Of(utf8, offset)}";
    }

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
