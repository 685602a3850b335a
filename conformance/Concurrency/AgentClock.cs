namespace PauseResume.Conformance.Concurrency;

/// <summary>The run's one monotonic clock: every agent's times are read from it, so they can be compared.</summary>
internal sealed class AgentClock(TimeProvider provider)
{
    private readonly long start = provider.GetTimestamp();

    public TimeSpan Now => provider.GetElapsedTime(start);
}
