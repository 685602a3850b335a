using BenchmarkDotNet.Attributes;
using PauseResume.Conformance.Concurrency;

namespace PauseResume.Benchmarks;

/// <summary>How long the linearizability check of --agents takes on large histories, one couple or split across many.</summary>
[MemoryDiagnoser]
public class CheckerBenchmarks
{
    private IReadOnlyList<IReadOnlyList<Operation>> byCouple = [];

    [Params(1_000, 10_000, 100_000)]
    public int Operations { get; set; }

    [Params(16)]
    public int Agents { get; set; }

    [Params(1, 20)]
    public int Couples { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        byCouple = SyntheticHistory.Make(Operations, Agents, Couples, seed: 42).GroupBy(o => o.Couple).Select(g => (IReadOnlyList<Operation>)g.ToList()).ToList();
        if (!byCouple.All(h => HistoryCheck.Linearizable(h) == true))
        {
            throw new InvalidOperationException("the synthetic history must be linearizable, and searched within the budget");
        }
    }

    [Benchmark]
    public bool CheckEveryCouple() => byCouple.All(h => HistoryCheck.Linearizable(h) == true);
}
