using BenchmarkDotNet.Attributes;
using PauseResume.Simulator.Domain;

namespace PauseResume.Benchmarks;

/// <summary>
/// Pauses and resumes on different couples by different sessions, from one thread and from as many threads as the
/// machine has cores: each thread logs in its own user and toggles its own couple <see cref="TogglesPerThread"/> times.
/// Work that scales with cores takes as long on every core as on one; one lock held for the whole request makes the
/// time grow with the threads. The domain alone: no HTTP, so the recorder's own locking is what is measured. The
/// baseline gives each thread a recorder of its own, sharing nothing: what the machine's cores, caches and garbage
/// collector allow at best.
/// </summary>
public class PauseScalingBenchmarks
{
    public const int TogglesPerThread = 20_000;

    private Recorder recorder = null!;
    private (string Session, long Couple)[] agents = [];
    private (Recorder Recorder, string Session, long Couple)[] apart = [];

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        var users = Enumerable.Range(0, Threads).Select(i => new User($"agent{i}", "pw", Permissions.CallList | Permissions.PauseAndResumeCalls)).ToList();
        var calls = Enumerable.Range(0, Threads).Select(i => new NewCall($"555{i:0000}", $"1{i:0000}")).ToList();
        recorder = new Recorder(World.Empty with { Users = users, Calls = calls }, TimeProvider.System);
        var couples = recorder.Couples();
        agents = [.. Enumerable.Range(0, Threads).Select(i => (recorder.Login($"agent{i}", "pw", requestCarriedCookie: true, priorSessionId: null).SessionId, couples[i].Couple.Id))];
        apart = [.. Enumerable.Range(0, Threads).Select(i =>
        {
            var own = new Recorder(World.Empty with { Users = [users[i]], Calls = [calls[i]] }, TimeProvider.System);
            return (own, own.Login($"agent{i}", "pw", requestCarriedCookie: true, priorSessionId: null).SessionId, own.Couples()[0].Couple.Id);
        })];
    }

    /// <summary>The same toggles, each thread on a recorder of its own: the most that scaling can reach here.</summary>
    [Benchmark(Baseline = true)]
    public int ToggleOwnCoupleOnOwnRecorder() => Toggle(i => apart[i]);

    /// <summary>Every thread's toggles; the mean is the time for all of them, so per-toggle cost is mean / (Threads × toggles).</summary>
    [Benchmark]
    public int ToggleOwnCouple() => Toggle(i => (recorder, agents[i].Session, agents[i].Couple));

    private int Toggle(Func<int, (Recorder Recorder, string Session, long Couple)> agent)
    {
        var changed = 0;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i =>
        {
            var (target, session, couple) = agent(i);
            var mine = 0;
            for (var n = 0; n < TogglesPerThread; n++)
            {
                mine += target.SetPaused(session, couple, (n & 1) == 0).Changed ? 1 : 0;
            }

            Interlocked.Add(ref changed, mine);
        });
        return changed;
    }
}
