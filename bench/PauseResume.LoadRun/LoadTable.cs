using System.Globalization;
using System.Text;

namespace PauseResume.LoadRun;

/// <summary>The table of the run, on the console and as Markdown; the first scenario is the floor.</summary>
public static class LoadTable
{
    public static IReadOnlyList<LoadRow> Make(IReadOnlyList<Scenario> scenarios, IReadOnlyList<IReadOnlyList<WrkResult>> rounds) =>
        [.. scenarios.Select((scenario, i) =>
        {
            var results = rounds.Select(r => r[i]).ToList();
            var rps = results.Select(r => r.RequestsPerSecond).ToList();
            return new LoadRow(
                scenario.Name, scenario.BodyBytes, Median(rps), rps.Min(), rps.Max(), Median(results.Select(r => r.P50)), Median(results.Select(r => r.P99)),
                Median(rounds.Select(r => r[i].RequestsPerSecond / r[0].RequestsPerSecond)),
                results.Sum(r => r.NotSuccessful + (r.SocketErrors.Length > 0 ? 1 : 0) + (r.Requests == 0 ? 1 : 0)));
        })];

    public static string Markdown(IReadOnlyList<LoadRow> rows, LoadRunOptions options, Machine machine)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Load run of {machine.Started}: wrk, 1 thread, {options.Connections} connections, loopback; {options.Rounds} alternated round(s) of {options.Seconds} s per scenario after {options.WarmUpSeconds} s of warm-up each. Medians over the rounds; the ratio is each round's req/s over the floor's in the same round.");
        text.AppendLine();
        text.AppendLine("| scenario | body bytes | req/s | req/s, lowest–highest round | p50 ms | p99 ms | ratio to the floor | failed |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Scenario} | {row.BodyBytes} | {row.RequestsPerSecond:F0} | {row.Lowest:F0}–{row.Highest:F0} | {row.P50:F2} | {row.P99:F2} | {row.Ratio:F2}× | {row.Failed} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine.Processor}, {machine.Cores} cores; {machine.System}; {machine.Runtime}; {machine.Wrk}. Load average (1, 5, 15 min) before: {machine.LoadBefore}, after: {machine.LoadAfter}.");
        return text.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
