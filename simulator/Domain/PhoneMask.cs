namespace PauseResume.Simulator.Domain;

/// <summary>The vendor's phone masks: <c>?</c> is exactly one character, <c>*</c> is any rest (also empty).</summary>
public static class PhoneMask
{
    public static bool Matches(string mask, string number) => Matches(mask.AsSpan(), number.AsSpan());

    private static bool Matches(ReadOnlySpan<char> mask, ReadOnlySpan<char> number)
    {
        while (!mask.IsEmpty)
        {
            switch (mask[0])
            {
                case '*':
                    for (var skip = 0; skip <= number.Length; skip++)
                    {
                        if (Matches(mask[1..], number[skip..]))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?' when !number.IsEmpty:
                case var literal when !number.IsEmpty && literal == number[0]:
                    mask = mask[1..];
                    number = number[1..];
                    break;
                default:
                    return false;
            }
        }

        return number.IsEmpty;
    }
}
