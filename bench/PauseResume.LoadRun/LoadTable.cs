using System.Globalization;
using System.Text;

namespace PauseResume.LoadRun;

/// <summary>The table of the run, on the console and as Markdown; each row's ratios are to its floor's in the same round.</summary>
public static class LoadTable
{
    public static IReadOnlyList<LoadRow> Make(IReadOnlyList<Scenario> scenarios, IReadOnlyList<IReadOnlyList<WrkResult>> rounds) =>
        [.. scenarios.Select((scenario, i) =>
        {
            var floor = scenarios.ToList().IndexOf(scenario.Baseline);
            var results = rounds.Select(r => r[i]).ToList();
            var rps = results.Select(r => r.RequestsPerSecond).ToList();
            return new LoadRow(
                scenario.Name, scenario.BodyBytes, Median(rps), rps.Min(), rps.Max(), Median(results.Select(r => r.P50)), Median(results.Select(r => r.P99)),
                Median(rounds.Select(r => r[i].RequestsPerSecond / r[floor].RequestsPerSecond)),
                Median(rounds.Select(r => r[i].P99 / r[floor].P99)),
                results.Sum(r => r.NotSuccessful + (r.SocketErrors.Length > 0 ? 1 : 0) + (r.Requests == 0 ? 1 : 0)));
        })];

    public static string Markdown(IReadOnlyList<LoadRow> rows, LoadRunOptions options, Machine machine)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Load run of {machine.Started}: wrk, 1 thread, {options.Connections} connections, loopback; {options.Rounds} alternated round(s) of {options.Seconds} s per scenario after {options.WarmUpSeconds} s of warm-up each. Medians over the rounds; a ratio is each round's figure over its floor's in the same round (the floor: a bare Kestrel that answers the simulator's answer, loaded with the same requests).");
        text.AppendLine();
        text.AppendLine("| scenario | body bytes | req/s | req/s, lowest–highest round | p50 ms | p99 ms | req/s to the floor | p99 to the floor | failed |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Scenario} | {row.BodyBytes} | {row.RequestsPerSecond:F0} | {row.Lowest:F0}–{row.Highest:F0} | {row.P50:F2} | {row.P99:F2} | {row.Ratio:F2}× | {row.P99Ratio:F2}× | {row.Failed} |");
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
