using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using PauseResume.Simulator.Json;

namespace PauseResume.Simulator.Hosting;

/// <summary>
/// The kinds of option the simulator's command line has. Each value is read by a parser of the simulator's own, whose
/// message (what is accepted) becomes the parse error.
/// </summary>
internal static class OptionKinds
{
    /// <summary>
    /// An option with one value; given twice, the last counts (a script can append <c>--urls</c> to a user's options).
    /// </summary>
    public static Option<T> Single<T>(string name, string value, string description, Func<string, Checked<T>> parse)
        where T : class => new(name)
    {
        HelpName = value,
        Description = description,
        // One value per occurrence (not `--opt a b`), any number of occurrences: the last is read.
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result => Read(result, name, result.Tokens[^1].Value, parse),
    };

    /// <summary>An option given once for each value (<c>--set</c>).</summary>
    public static Option<List<T>> Repeatable<T>(string name, string value, string description, Func<string, Checked<T>> parse)
        where T : class => new(name)
    {
        HelpName = value,
        Description = description,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result => [.. result.Tokens.Select(token => Read(result, name, token.Value, parse)!)],
    };

    /// <summary>A whole number, possibly negative; given twice, the last counts.</summary>
    public static Option<int> WholeNumber(string name, string value, string description, int defaultValue) => new(name)
    {
        HelpName = value,
        Description = description,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens[^1].Value;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            result.AddError($"{name} needs a whole number, not '{text}'");
            return defaultValue;
        },
    };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.Zero };

    public static Checked<string> Text(string text) => Checked<string>.Ok(text);

    /// <summary>A token a client sends in a header: one it could not send would lock everyone out of the control API.</summary>
    public static Checked<string> ControlToken(string text) => ControlOptions.IsUsableToken(text)
        ? Checked<string>.Ok(text)
        : Checked<string>.Fail("needs a value of visible ASCII characters, without white space (a client sends it in a header)");

    private static T? Read<T>(ArgumentResult result, string name, string text, Func<string, Checked<T>> parse)
        where T : class
    {
        var read = parse(text);
        if (read.Error is { } error)
        {
            // A parser that does not name its option is told apart from the others' by the option's name.
            result.AddError(error.StartsWith(name, StringComparison.Ordinal) ? error : $"{name}: {error}");
        }

        return read.Value;
    }
}
