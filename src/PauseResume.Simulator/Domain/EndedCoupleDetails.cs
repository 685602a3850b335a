namespace PauseResume.Simulator.Domain;

/// <summary>
/// How the details of a couple that has ended are answered while the recorder still knows it (DET-3: that they are
/// answered as a couple not in progress is inferred; a recorder that reads its calls from a database may go on serving them).
/// </summary>
public enum EndedCoupleDetails
{
    /// <summary>With endedCoupleStatus, as any couple not in progress.</summary>
    Status,

    /// <summary>
    /// As while the call was in progress: the same access rules, and the document with the paused state it ended in. Its
    /// pausedState still answers endedCoupleStatus (PSE-4).
    /// </summary>
    Served,
}
