using PauseResume.Simulator.Hosting;

namespace PauseResume.Simulator.Traffic;

/// <summary>Starts the start world's traffic with the host, and stops its arrivals when the host stops.</summary>
internal sealed class TrafficStart(TrafficGenerator traffic, StartWorld start) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (start.World.Traffic is { } settings)
        {
            traffic.Restart(settings);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        traffic.Stop();
        return Task.CompletedTask;
    }
}
