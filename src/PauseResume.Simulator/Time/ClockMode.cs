namespace PauseResume.Simulator.Time;

/// <summary>How the simulator's clock moves: with the host, faster than the host, or only when told to.</summary>
public enum ClockMode
{
    /// <summary>At the host's pace (the host's own time, until the clock was ever moved by hand).</summary>
    Real,

    /// <summary><see cref="ClockSetting.Scale"/> simulated seconds for every second of the host.</summary>
    Scaled,

    /// <summary>Still, until <see cref="SimulatorClock.Advance"/> moves it; timers fire as it passes them, in order.</summary>
    Manual,
}
