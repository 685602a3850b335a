namespace PauseResume.Simulator.Domain;

/// <summary>Direction of a couple, as the recorder names it (INCOMING, OUTGOING, INTERNAL, UNKNOWN).</summary>
public enum Direction
{
    Unknown,
    Incoming,
    Outgoing,
    Internal,
}
