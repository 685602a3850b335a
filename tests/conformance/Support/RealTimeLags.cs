namespace PauseResume.Conformance.Tests.Support;

/// <summary>
/// Test classes whose recorders put a lag of real time between a pause and its details, and whose verdicts read
/// windows of a few hundred milliseconds: they run one at a time, so no two of them compete for the cores their
/// timings need (beside the other classes, which take the rest of the 2x).
/// </summary>
[CollectionDefinition(Name)]
public sealed class RealTimeLags
{
    public const string Name = "real-time lags";
}
