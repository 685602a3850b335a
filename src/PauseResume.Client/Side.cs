namespace PauseResume.Client;

/// <summary>Which side of a couple a list filter looks at (LST-3).</summary>
public enum Side
{
    Both,
    Calling,
    Called,
}
