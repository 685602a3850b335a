using System.CommandLine;
using System.CommandLine.Completions;

namespace PauseResume.Completions;

/// <summary>
/// The <c>[suggest:POSITION]</c> directive of the simulator's and the kit's command lines (one file compiled into both),
/// checked before the completions run: they read the position as <see cref="int.Parse(string)"/> does and throw on a
/// word, a negative number, one past <see cref="int.MaxValue"/> or two directives (exit 1 with a stack trace).
/// </summary>
internal static class Suggestions
{
    /// <summary>What is wrong with the directive in <paramref name="parsed"/>, as one line; null where it is fine or absent.</summary>
    public static string? Misused(ParseResult parsed) =>
        parsed.RootCommandResult.Command is RootCommand root && root.Directives.OfType<SuggestDirective>().FirstOrDefault() is { } suggest
        && parsed.GetResult(suggest) is { Values: { Count: > 0 } positions }
            ? positions.Count > 1 ? "[suggest] is given more than once"
            : positions[0] is { Length: > 0 } position && !(int.TryParse(position, out var at) && at >= 0)
                ? $"[suggest:{position}] needs the cursor's position in the command line, a whole number from 0 to {int.MaxValue}"
                : null
            : null;
}
