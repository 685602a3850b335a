using System.Globalization;

namespace PauseResume.LoadRun;

/// <summary>How many starts of each server the start-up run times, which repository it builds, and where the table goes.</summary>
public sealed record StartupOptions(int Runs, string Output, string? Root, bool WithDotnetRun)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/PauseResume.LoadRun -- --startup [options]
          --runs N        timed starts of each server, alternated (default 10; one more first, not counted)
          --out PATH      the Markdown table (default bench/results/startup-run.md)
          --repo PATH     the repository whose simulator is built and started (default the current one)
          --dotnet-run    also time the README's `dotnet run --project simulator` (it checks the build first)
        """;

    /// <summary>The options after <c>--startup</c>, or null: with <paramref name="error"/> set for a bad option, or without for --help.</summary>
    public static StartupOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new StartupOptions(10, Path.Combine("bench", "results", "startup-run.md"), null, false);
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--runs" when value is not null && int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0:
                    options = options with { Runs = n }; i++; break;
                case "--out" when !string.IsNullOrWhiteSpace(value): options = options with { Output = value }; i++; break;
                case "--repo" when !string.IsNullOrWhiteSpace(value): options = options with { Root = value }; i++; break;
                case "--dotnet-run": options = options with { WithDotnetRun = true }; break;
                case "--help" or "-h": return null;
                default: error = $"{args[i]}{(value is null ? string.Empty : " " + value)} is not an option of --startup"; return null;
            }
        }

        return options;
    }
}
