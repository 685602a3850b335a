namespace PauseResume.Simulator.Domain;

/// <summary>Whether a list direction is read when its filter value is absent (LST-6).</summary>
public enum DirectionWithoutValue
{
    /// <summary>A <c>phoneNumberDirection</c> or <c>ipAddressDirection</c> is validated even without its filter value.</summary>
    Checked,

    /// <summary>A direction whose filter value is absent is not read at all, so even an invalid one is no error.</summary>
    Ignored,
}
