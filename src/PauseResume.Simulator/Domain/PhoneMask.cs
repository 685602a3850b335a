namespace PauseResume.Simulator.Domain;

/// <summary>
/// The vendor's phone masks: <c>?</c> is exactly one character, <c>*</c> is any rest (also empty). A mask is 1 to
/// <see cref="MaxLength"/> characters of digits, <c>?</c> and <c>*</c>: the vendor's examples (<c>1001?</c>,
/// <c>6*</c>) need no more, a mask of digits alone can still name any number the simulator accepts, and a bounded
/// mask bounds the work of every match.
/// </summary>
public static class PhoneMask
{
    /// <summary>As long as the longest number a call may carry, so a mask of digits can name any of them.</summary>
    public const int MaxLength = 64;

    /// <summary>Enough for one account per desk group; the cost of a details check grows with the count.</summary>
    public const int MaxPerUser = 100;

    private static readonly System.Buffers.SearchValues<char> Alphabet = System.Buffers.SearchValues.Create("0123456789?*");

    /// <summary>What is wrong with <paramref name="mask"/>, or null when it is a mask.</summary>
    public static string? Problem(string? mask)
    {
        if (string.IsNullOrEmpty(mask))
        {
            return "a mask cannot be empty";
        }

        if (mask.Length > MaxLength)
        {
            return $"a mask is at most {MaxLength} characters, not {mask.Length}";
        }

        var bad = mask.AsSpan().IndexOfAnyExcept(Alphabet);
        return bad < 0 ? null : $"a mask holds only digits, '?' and '*', not U+{(int)mask[bad]:X4} at position {bad + 1}";
    }

    /// <summary>What is wrong with a user's list of masks (<c>[2]: ...</c> names the mask), or null when all are masks.</summary>
    public static string? Problem(IReadOnlyList<string?> masks) =>
        masks.Count > MaxPerUser
            ? $": at most {MaxPerUser} masks per user, not {masks.Count}"
            : masks.Select((mask, i) => Problem(mask) is { } problem ? $"[{i}]: {problem}" : null).FirstOrDefault(p => p is not null);

    public static bool Matches(string mask, string number)
    {
        var comparisons = 0L;
        return Matches(mask, number, ref comparisons);
    }

    /// <summary>
    /// A greedy two-pointer match that only ever returns to the last <c>*</c> seen, one character further each
    /// time: at most (mask length + 1) × (number length + 1) steps, whatever the mask (a recursive matcher takes
    /// exponential time on <c>*1*1*1*1*1*1*1*2</c> against a long run of 1s). <paramref name="comparisons"/>
    /// counts the steps, so tests can bound the work without timing it.
    /// </summary>
    internal static bool Matches(ReadOnlySpan<char> mask, ReadOnlySpan<char> number, ref long comparisons)
    {
        int m = 0, n = 0, star = -1, resume = 0;
        while (n < number.Length)
        {
            comparisons++;
            if (m < mask.Length && mask[m] == '*')
            {
                star = m++;
                resume = n;
            }
            else if (m < mask.Length && (mask[m] == '?' || mask[m] == number[n]))
            {
                m++;
                n++;
            }
            else if (star >= 0)
            {
                // Let the last star swallow one more character and try the rest of the mask again from there.
                m = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (m < mask.Length && mask[m] == '*')
        {
            m++;
        }

        return m == mask.Length;
    }
}
