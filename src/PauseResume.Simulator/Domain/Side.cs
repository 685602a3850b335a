namespace PauseResume.Simulator.Domain;

/// <summary>Which side of a couple a list filter looks at (LST-3): CALLING, CALLED or BOTH.</summary>
public enum Side
{
    Both,
    Calling,
    Called,
}
