namespace PauseResume.Conformance.Tests.Support;

/// <summary>
/// Test classes whose recorders put a lag of real time between a pause and its details, and whose verdicts read
/// windows of a few hundred milliseconds: they run one at a time, after the others, so no other class takes the cores
/// their timings need.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeLags
{
    public const string Name = "real-time lags";
}
