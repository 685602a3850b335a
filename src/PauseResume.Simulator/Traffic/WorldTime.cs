using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Time;

namespace PauseResume.Simulator.Traffic;

/// <summary>What a world says of time: the clock's mode and the traffic, each applied only when the world gives it.</summary>
internal static class WorldTime
{
    public static void Apply(World world, SimulatorClock clock, TrafficGenerator traffic)
    {
        if (world.Clock is { } setting)
        {
            clock.Set(setting);
        }

        if (world.Traffic is { } settings)
        {
            traffic.Restart(settings);
        }
    }
}
