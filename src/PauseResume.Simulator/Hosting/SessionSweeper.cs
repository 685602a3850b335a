using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Time;

namespace PauseResume.Simulator.Hosting;

/// <summary>
/// Ends idle sessions on the simulator's own clock (SES-6), so sessions nobody comes back to do not pile up: without
/// it, a session would be dropped only when its own id came back. Under a FakeTimeProvider it runs as time is advanced.
/// </summary>
internal sealed class SessionSweeper(Recorder recorder, SimulatorClock time) : IHostedService, IDisposable
{
    /// <summary>Every second: sessionIdleTimeout may be as short as one second, and a sweep costs only the sessions it ends.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private ITimer? timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        timer = time.CreateTimer(_ => recorder.SweepExpiredSessions(), null, Period, Period);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public void Dispose() => timer?.Dispose();
}
