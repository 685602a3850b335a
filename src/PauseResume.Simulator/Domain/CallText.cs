namespace PauseResume.Simulator.Domain;

/// <summary>
/// What a couple's numbers and IP addresses may hold: 1 to <see cref="MaxLength"/> characters, none of them white
/// space, a control character or anything else an XML 1.0 document cannot carry, because every one of them is
/// written into the details document (DET-1). A call that breaks this is refused where it enters.
/// </summary>
public static class CallText
{
    public const int MaxLength = 64;

    private const char Replacement = '\uFFFD';

    /// <summary>What is wrong with <paramref name="value"/>, or null when a number or IP may hold it.</summary>
    public static string? Problem(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "cannot be empty";
        }

        if (value.Length > MaxLength)
        {
            return $"longer than {MaxLength} characters";
        }

        var bad = FirstUnwritable(value);
        return bad < 0 ? null
            : char.IsWhiteSpace(value[bad]) ? $"cannot contain white space (U+{(int)value[bad]:X4} at position {bad + 1})"
            : $"cannot contain U+{(int)value[bad]:X4} (at position {bad + 1}): no control characters or other characters XML cannot carry";
    }

    /// <summary>
    /// <paramref name="value"/> with every character an XML document cannot carry replaced by U+FFFD, so a writer
    /// given anything at all still produces a well-formed document.
    /// </summary>
    public static string ForXml(string value)
    {
        if (FirstUnwritable(value, xmlOnly: true) < 0)
        {
            return value;
        }

        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsSurrogatePair(value, i))
            {
                i++;
            }
            else if (!IsXmlChar(chars[i]))
            {
                chars[i] = Replacement;
            }
        }

        return new string(chars);
    }

    private static int FirstUnwritable(string value, bool xmlOnly = false)
    {
        // Printable ASCII other than the space, as nearly every number and IP is, holds nothing to refuse: one vectorised
        // pass instead of a test per character (a world file of a million calls checks four million values).
        if (!value.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            return -1;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsSurrogatePair(value, i))
            {
                i++;
                continue;
            }

            var c = value[i];
            if (!IsXmlChar(c) || (!xmlOnly && (char.IsControl(c) || char.IsWhiteSpace(c))))
            {
                return i;
            }
        }

        return -1;
    }

    // XML 1.0's Char production within one UTF-16 unit: tab, line feed, carriage return, U+0020..U+D7FF, U+E000..U+FFFD.
    private static bool IsXmlChar(char c) => c is '\t' or '\n' or '\r' or (>= '\u0020' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD');
}
