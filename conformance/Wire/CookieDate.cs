using System.Globalization;
using System.Text.RegularExpressions;

namespace PauseResume.Conformance.Wire;

/// <summary>
/// A cookie's <c>Expires</c> read as RFC 6265 (5.1.1) has browsers read it: tokens in any order, the first time
/// (hh:mm:ss), day of month, month (its first three letters) and year found; the weekday and the zone are passed over (the
/// date is UTC), a two-digit year is 1970-2069. So RFC 1123 (<c>Thu, 01 Jan 1970 00:00:10 GMT</c>), RFC 850
/// (<c>Thursday, 01-Jan-70 00:00:10 GMT</c>), asctime (<c>Thu Jan  1 00:00:10 1970</c>) and a weekday that does not
/// match the date all read alike.
/// </summary>
internal static partial class CookieDate
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static DateTimeOffset? Parse(string text)
    {
        int? hour = null, minute = null, second = null, day = null, month = null, year = null;
        foreach (var token in Delimiters().Split(text).Where(t => t.Length > 0))
        {
            if (hour is null && Time().Match(token) is { Success: true } time)
            {
                (hour, minute, second) = (Number(time.Groups[1].Value), Number(time.Groups[2].Value), Number(time.Groups[3].Value));
            }
            else if (day is null && DayOfMonth().IsMatch(token))
            {
                day = Number(token[..Math.Min(2, token.TakeWhile(char.IsAsciiDigit).Count())]);
            }
            else if (month is null && token.Length >= 3 && Array.IndexOf(Months, token[..3].ToLowerInvariant()) is var m and >= 0)
            {
                month = m + 1;
            }
            else if (year is null && Year().IsMatch(token))
            {
                var y = Number(new string([.. token.TakeWhile(char.IsAsciiDigit)]));
                year = y is >= 70 and <= 99 ? y + 1900 : y is >= 0 and <= 69 ? y + 2000 : y;
            }
        }

        if (hour is not { } h || day is not { } d || month is not { } mo || year is not { } yr || yr < 1601 || h > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return d >= 1 && d <= DateTime.DaysInMonth(yr, mo) ? new DateTimeOffset(yr, mo, d, h, minute!.Value, second!.Value, TimeSpan.Zero) : null;
    }

    private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex("[\\x09\\x20-\\x2F\\x3B-\\x40\\x5B-\\x60\\x7B-\\x7E]+")]
    private static partial Regex Delimiters();

    [GeneratedRegex("^([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:[^0-9].*)?$")]
    private static partial Regex Time();

    [GeneratedRegex("^[0-9]{1,2}(?:[^0-9].*)?$")]
    private static partial Regex DayOfMonth();

    [GeneratedRegex("^[0-9]{2,4}(?:[^0-9].*)?$")]
    private static partial Regex Year();
}
