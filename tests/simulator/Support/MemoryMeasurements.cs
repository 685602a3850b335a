namespace PauseResume.Simulator.Tests.Support;

/// <summary>Tests that measure the whole heap run alone, so no other test's allocations count against them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurements
{
    public const string Name = "memory measurements";
}
