namespace PauseResume.Conformance.Concurrency;

/// <summary>
/// A couple's pause history as the simulator recorded it, reduced to what the agents can be held to: the logins that
/// paused and resumed it, in order. Each pause of a running couple opens an interval and each resume of a paused one
/// closes it; a pause of a paused couple changes nothing (PSE-3), so it records nothing.
/// </summary>
internal sealed record RecordedTransitions(IReadOnlyList<string> Logins)
{
    /// <summary>From intervals (paused by, resumed by or null while open).</summary>
    public static RecordedTransitions FromIntervals(IEnumerable<(string PausedBy, string? ResumedBy)> intervals) =>
        new(intervals.SelectMany(i => i.ResumedBy is null ? new[] { i.PausedBy } : [i.PausedBy, i.ResumedBy]).ToList());

    public int Count => Logins.Count;

    public bool FinallyPaused => Count % 2 == 1;
}
