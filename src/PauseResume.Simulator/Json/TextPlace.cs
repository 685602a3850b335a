namespace PauseResume.Simulator.Json;

/// <summary>A place in a text's UTF-8 bytes as an editor counts it, from 1, with the offset from 0 beside it.</summary>
internal static class TextPlace
{
    public static string Of(ReadOnlySpan<byte> utf8, int offset)
    {
        var line = utf8[..offset].Count((byte)'\n') + 1;
        var column = offset - (utf8[..offset].LastIndexOf((byte)'\n') + 1) + 1;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {line}, column {column} (offset {offset})");
    }
}
