using BenchmarkDotNet.Attributes;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;

namespace PauseResume.Benchmarks;

/// <summary>
/// The kit's generated commands in-process: the same scenarios a kit run with seed 1 generates, each run on the
/// in-process simulator with every check and invariant. BenchmarkDotNet's time per operation is the time per command.
/// <see cref="KitOwnShare"/> runs the same commands against the simulator's recorded answers, given back without asking
/// it: the kit's own cost of a command beyond its requests. <see cref="Generating"/> is the cost of drawing them.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes in [GlobalCleanup]")]
public class KitBenchmarks
{
    private const int Scenarios = 20;
    private const int Steps = 30;
    private InProcessTarget target = null!;
    private ITarget replayed = null!;
    private RecordedAnswers recording = null!;
    private Scenario[] scenarios = [];
    private Capabilities can = null!;

    /// <summary>Kept equal to the commands in <see cref="scenarios"/>: BenchmarkDotNet divides each run's time by it.</summary>
    public const int Commands = 362;

    [GlobalSetup]
    public void SetUp()
    {
        target = new InProcessTarget();
        can = new Capabilities(Control: true, Clock: true, Pause: true);
        scenarios = Generate();
        var commands = scenarios.Sum(s => s.Steps.Length);
        if (commands != Commands)
        {
            throw new InvalidOperationException($"the scenarios hold {commands} commands; set {nameof(Commands)} to that");
        }

        recording = new RecordedAnswers();
        replayed = recording.Target(new InProcessTarget((_, inner) => recording.Wrap(inner)));
        RunAsync(replayed).GetAwaiter().GetResult();
        recording.Replay();
    }

    /// <summary>The requests one pass sends, API and control API, as recorded.</summary>
    public int RequestsPerPass => recording.Count;

    [GlobalCleanup]
    public void CleanUp()
    {
        target.DisposeAsync().AsTask().GetAwaiter().GetResult();
        replayed.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = Commands)]
    public Task<int> GeneratedCommands() => RunAsync(target);

    [Benchmark(OperationsPerInvoke = Commands)]
    public Task<int> KitOwnShare()
    {
        recording.Replay();
        return RunAsync(replayed);
    }

    [Benchmark(OperationsPerInvoke = Commands)]
    public int Generating() => Generate().Length;

    private Scenario[] Generate() => [.. Enumerable.Range(1, Scenarios).Select(run => ScenarioGen.Sample(ScenarioGen.Scenario(can, null, Steps), seed: 1, run, Steps))];

    private async Task<int> RunAsync(ITarget on)
    {
        var runner = new ScenarioRunner(on, TimeSpan.Zero, null);
        var failed = 0;
        foreach (var scenario in scenarios)
        {
            failed += (await runner.RunAsync(scenario, KitProfile.Default, null, null, CancellationToken.None)).Failed ? 1 : 0;
        }

        return failed == 0 ? failed : throw new InvalidOperationException($"{failed} scenario(s) failed on the simulator: a kit or simulator bug, not a figure");
    }
}
