using BenchmarkDotNet.Attributes;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Testing;
using PauseResume.Simulator.Time;
using PauseResume.Simulator.Traffic;

namespace PauseResume.Benchmarks;

/// <summary>
/// One virtual hour of call-centre traffic at 1,000 calls per hour on a manual clock: the model's draws, the agenda, the
/// clock's timers and the recorder's couples started and ended (about 1,200 couples with transfers and conferences).
/// Alone, and through <see cref="FakeRecorder"/> (its host started and stopped, the session sweeper ticking every second).
/// </summary>
[MemoryDiagnoser]
public class TrafficBenchmarks
{
    private readonly TrafficSettings settings = new() { Running = true, Seed = 1, RatePerHour = 1_000 };

    [Benchmark(Baseline = true)]
    public long OneVirtualHourAt1000CallsPerHour()
    {
        using var clock = new SimulatorClock(TimeProvider.System, ClockSetting.Manual, FakeRecorder.Epoch);
        var recorder = new Recorder(World.Empty, clock);
        using var traffic = new TrafficGenerator(recorder, clock);
        traffic.Apply(settings);
        clock.Advance(TimeSpan.FromHours(1));
        return traffic.Status.Started;
    }

    [Benchmark]
    public async Task<long> OneVirtualHourAt1000CallsPerHourInAFakeRecorder()
    {
        await using var recorder = await FakeRecorder.CreateBuilder().WithTraffic(settings).StartAsync();
        recorder.Advance(TimeSpan.FromHours(1));
        return recorder.Traffic.Status.Started;
    }
}
