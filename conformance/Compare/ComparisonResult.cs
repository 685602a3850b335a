namespace PauseResume.Conformance.Compare;

/// <summary>What a comparison found: the profile probed on the recorder, how many scenarios ran, every difference.</summary>
internal sealed record ComparisonResult(string ProbedProfile, int Scenarios, int Requests, IReadOnlyList<AnswerDifference> Differences, IReadOnlyList<string> Notes)
{
    /// <summary>The steps a fault met, on either side: each scenario was compared only up to its first one.</summary>
    public IReadOnlyList<ComparedFault> Faults { get; init; } = [];

    /// <summary>Why no scenario was compared, where the --budget was spent before the first could start (the probe included).</summary>
    public string? NothingRun { get; init; }

    /// <summary>A difference is one; with none, a fault met or nothing compared leaves the comparison unfinished (exit 5), as in a kit run.</summary>
    public int ExitCode => Differences.Count > 0 ? Kit.KitResult.ExitDiffers : Faults.Count > 0 || NothingRun is not null ? Kit.KitResult.ExitFaulted : Kit.KitResult.ExitConformant;
}
