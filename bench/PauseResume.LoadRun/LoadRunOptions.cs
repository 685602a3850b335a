using System.Globalization;

namespace PauseResume.LoadRun;

/// <summary>How long and how often each scenario is loaded, and where the Markdown table goes.</summary>
public sealed record LoadRunOptions(int Rounds, int Seconds, int WarmUpSeconds, int Connections, string Output, bool WithWireMock)
{
    /// <summary>The calls of the world-size run (<see cref="WorldSizeRun"/>), or null for the load run.</summary>
    public int? WorldSize { get; init; }

    public const string Usage = """
        usage: dotnet run -c Release --project bench/PauseResume.LoadRun -- [options]
          --rounds N      alternated rounds of every scenario (default 3)
          --duration S    seconds of wrk per scenario and round (default 10)
          --warmup S      seconds of wrk per scenario before the first round, not counted (default 3)
          --connections N wrk connections, on one thread (default 16)
          --out PATH      the Markdown table (default bench/results/load.md)
          --no-wiremock   leave WireMock.Net out
          --world-size N  instead: the simulator on a generated world of N calls against one of ten (start, memory, filtered lists)
        """;

    /// <summary>The options, or null: with <paramref name="error"/> set for a bad option, or without for --help.</summary>
    public static LoadRunOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new LoadRunOptions(3, 10, 3, 16, Path.Combine("bench", "results", "load.md"), true);
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--rounds" when Positive(value) is { } n: options = options with { Rounds = n }; i++; break;
                case "--duration" when Positive(value) is { } n: options = options with { Seconds = n }; i++; break;
                case "--warmup" when value is not null && int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n >= 0:
                    options = options with { WarmUpSeconds = n }; i++; break;
                case "--connections" when Positive(value) is { } n: options = options with { Connections = n }; i++; break;
                case "--out" when !string.IsNullOrWhiteSpace(value): options = options with { Output = value }; i++; break;
                case "--no-wiremock": options = options with { WithWireMock = false }; break;
                case "--world-size" when Positive(value) is { } n: options = options with { WorldSize = n }; i++; break;
                case "--help" or "-h": return null;
                default: error = $"{args[i]}{(value is null ? string.Empty : " " + value)} is not an option here"; return null;
            }
        }

        return options;
    }

    private static int? Positive(string? value) =>
        value is not null && int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
