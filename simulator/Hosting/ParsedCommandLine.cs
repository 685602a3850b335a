using System.CommandLine;

namespace PauseResume.Simulator.Hosting;

/// <summary>What the command line asked for: options to run with, or a reply (help, completions, an error).</summary>
/// <param name="Options">Null when the command line asked for help, a version or completions, or was wrong (<see cref="Error"/>).</param>
public sealed record ParsedCommandLine(CommandLine? Options, string? Error, ParseResult Parsed)
{
    /// <summary>Help, version or completions (exit 0), or the error then the help on <paramref name="errors"/> (exit 2).</summary>
    public async Task<int> ReplyAsync(TextWriter output, TextWriter errors)
    {
        // [suggest:POSITION] with a position the completions would throw on (a word, a negative number): bad usage.
        var error = Error ?? (Parsed.RootCommandResult.Command is RootCommand root && root.Directives.OfType<System.CommandLine.Completions.SuggestDirective>().FirstOrDefault() is { } suggest
            && Parsed.GetResult(suggest) is { Values: [var position, ..] } && position.Length > 0 && !int.TryParse(position, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
                ? $"[suggest:{position}] needs the cursor's position in the command line, a whole number from 0"
                : null);
        if (error is null)
        {
            return await Parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = errors });
        }

        // The one line that says what is wrong, not buried under the whole help.
        await errors.WriteLineAsync($"error: {error}");
        await errors.WriteLineAsync("(--help lists the options)");
        return 2;
    }
}
