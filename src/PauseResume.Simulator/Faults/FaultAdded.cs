namespace PauseResume.Simulator.Faults;

/// <summary>What switching a fault on did.</summary>
public enum FaultAdded
{
    Added,

    /// <summary>A fault of that name is on already; nothing changed.</summary>
    NameTaken,

    /// <summary>The fault has a <see cref="Fault.Problem"/>; nothing changed.</summary>
    Invalid,

    /// <summary><see cref="FaultInjector.MaxFaults"/> faults are on already; nothing changed.</summary>
    TooMany,
}
