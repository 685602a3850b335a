using PauseResume.Simulator.Time;

namespace PauseResume.Simulator.Json;

/// <summary>The clock as the control API shows it: its mode, its pace (simulated seconds per host second; 0 when manual) and its time.</summary>
public sealed record ClockJson(string Mode, double Scale, DateTimeOffset Now)
{
    public static ClockJson From(SimulatorClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new ClockJson(clock.Setting.ModeName, clock.Pace, clock.GetUtcNow());
    }
}
