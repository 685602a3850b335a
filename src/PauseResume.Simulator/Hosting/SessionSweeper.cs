using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Time;

namespace PauseResume.Simulator.Hosting;

/// <summary>
/// Ends idle sessions on the simulator's own clock (SES-6), so sessions nobody comes back to do not pile up: without
/// it, a session would be dropped only when its own id came back. Under a FakeTimeProvider it runs as time is advanced.
/// A sweep only frees memory (a request judges its own session's expiry), so on a fast clock sweeps are spaced by the
/// host's time: a simulated second apart, a thousand times a second at x1000, kept an idle simulator busy.
/// </summary>
internal sealed class SessionSweeper(Recorder recorder, SimulatorClock time) : IHostedService, IDisposable
{
    /// <summary>Every second: sessionIdleTimeout may be as short as one second, and a sweep costs only the sessions it ends.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    /// <summary>On a clock faster than the host's, sweeps are at least this much of the host's time apart.</summary>
    public static readonly TimeSpan HostSpacing = TimeSpan.FromMilliseconds(250);

    private ITimer? timer;
    private volatile bool stopped;

    /// <summary>The simulated time to the next sweep: a second, or longer on a clock fast enough to pass it sooner than <see cref="HostSpacing"/>.</summary>
    public static TimeSpan NextSweep(double pace) => pace * HostSpacing.TotalSeconds > Period.TotalSeconds ? HostSpacing * pace : Period;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        stopped = false;
        // Set only once the field holds it: a first sweep due at once (a fast clock) re-arms it through the field.
        timer = time.CreateTimer(_ => Sweep(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(NextSweep(time.Pace), Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        stopped = true;
        timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public void Dispose() => timer?.Dispose();

    private void Sweep()
    {
        recorder.SweepExpiredSessions();
        if (!stopped)
        {
            timer?.Change(NextSweep(time.Pace), Timeout.InfiniteTimeSpan);
        }
    }
}
