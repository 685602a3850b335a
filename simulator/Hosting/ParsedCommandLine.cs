using System.CommandLine;

namespace PauseResume.Simulator.Hosting;

/// <summary>What the command line asked for: options to run with, or a reply (help, completions, an error).</summary>
/// <param name="Options">Null when the command line asked for help, a version or completions, or was wrong (<see cref="Error"/>).</param>
public sealed record ParsedCommandLine(CommandLine? Options, string? Error, ParseResult Parsed)
{
    /// <summary>Help, version or completions (exit 0), or the error then the help on <paramref name="errors"/> (exit 2).</summary>
    public async Task<int> ReplyAsync(TextWriter output, TextWriter errors)
    {
        var error = Error ?? Completions.Suggestions.Misused(Parsed);
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
