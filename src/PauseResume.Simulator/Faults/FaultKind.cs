namespace PauseResume.Simulator.Faults;

/// <summary>What a fault does to the legacy requests it hits.</summary>
public enum FaultKind
{
    /// <summary>The answer comes late: a fixed delay plus a random jitter, on the simulator's clock.</summary>
    Latency,

    /// <summary>An error status with a body instead of the answer; the request is not handled.</summary>
    Status,

    /// <summary>The request is handled, then the connection is cut before any byte of the answer.</summary>
    Abort,

    /// <summary>The request is handled, then the answer is cut part way through its body.</summary>
    Truncate,

    /// <summary>A recorder restart: every session ends, once, before the request is handled.</summary>
    Restart,

    /// <summary>A maintenance window: 503 for a duration on the simulator's clock; requests are not handled.</summary>
    Maintenance,
}
