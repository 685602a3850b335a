using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace PauseResume.Conformance.Cli;

/// <summary>
/// The kinds of option the kit's command line has, each read by a parser of the kit's own, whose
/// <see cref="FormatException"/> becomes the parse error (so a mistake says what is accepted, in the kit's words).
/// </summary>
internal static class OptionKinds
{
    /// <summary>
    /// An option with one value; given twice, the last counts, so a replay hint can be run with a flag appended.
    /// </summary>
    public static Option<T> Single<T>(string name, string value, string description, Func<string, T> parse) => new(name)
    {
        HelpName = value,
        Description = description,
        // One value per occurrence (not `--opt a b`), any number of occurrences: the last is read.
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result => Read(result, result.Tokens[^1].Value, parse),
    };

    /// <summary>An option that may be given again for each value (accounts, couples, settings).</summary>
    public static Option<List<T>> Repeatable<T>(string name, string value, string description, Func<string, T> parse) => new(name)
    {
        HelpName = value,
        Description = description,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result => [.. result.Tokens.Select(token => Read(result, token.Value, parse))],
    };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>A whole number of at least <paramref name="min"/>, in the words every numeric option uses.</summary>
    public static Func<string, int> Number(string name, int min) => text =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new FormatException($"{name} needs a whole number of at least {min}, not '{text}'");

    /// <summary>
    /// Seconds, whole or with up to three decimals (<c>0.5</c>), from 0 to <paramref name="max"/>: a lag of a real recorder
    /// is often less than a second, and a whole number would make a run wait twice as long as needed.
    /// </summary>
    public static Func<string, double> Seconds(string name, double max) => text =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var s) && s <= (decimal)max && decimal.Round(s, 3) == s
            ? (double)s
            : throw new FormatException($"{name} needs a number of seconds from 0 to {max.ToString(CultureInfo.InvariantCulture)}, whole or with up to three decimals (0.5), not '{text}'");

    private static T Read<T>(ArgumentResult result, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (FormatException e)
        {
            result.AddError(e.Message);
            return default!;
        }
    }
}
