namespace PauseResume.Conformance.Probe;

/// <summary>
/// What a probe wrote: the profile file, one line per setting for the console (observed, or kept at its default and
/// why), and every request it made with the answer's status and document shape, to compare a simulator with it.
/// </summary>
internal sealed record ProbeResult(string Json, IReadOnlyList<string> Summary, IReadOnlyList<ProbedAnswer> Answers)
{
    /// <summary>What a person must check on the recorder (a couple the probe may have left paused, or a hold it may have ended): the lines of the summary that say so.</summary>
    public IReadOnlyList<string> ByHand { get; init; } = [];
}
