namespace PauseResume.LoadRun;

/// <summary>
/// One scenario over every round: medians of req/s and latencies, the spread of req/s, and the medians of each round's
/// ratios (req/s and p99) to the scenario's floor measured in that same round. <see cref="Failed"/> counts answers that were not 2xx, rounds with socket errors and rounds in which no request was answered.
/// </summary>
public sealed record LoadRow(string Scenario, int BodyBytes, double RequestsPerSecond, double Lowest, double Highest, double P50, double P99, double Ratio, double P99Ratio, long Failed);
