using PauseResume.Conformance.Model;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Tests.Targets;

/// <summary>What the kit reads of the simulator through its control API.</summary>
public sealed class SimulatorControlTests
{
    /// <summary>
    /// GET /simulator/calls answers a page at a time (10,000 couples at most, a Link header to the next): the kit reads
    /// every page, so the invariant after each step and the agents' recorded histories see every couple of a large world.
    /// </summary>
    [Fact]
    public async Task Every_couple_of_a_world_larger_than_one_page_is_read()
    {
        // Arrange
        await using var inner = new InProcessTarget();
        CallSpec[] calls = [.. Enumerable.Range(0, 10_050).Select(i => new CallSpec($"5{i:D6}", $"1{i:D6}", null, null))];
        var control = inner.Control!;
        var made = await control.ResetAsync(new WorldSpec(1, [new ModelUser("admin", "admin", true, true, [])], [.. calls]), TestContext.Current.CancellationToken);

        // Act
        var couples = await control.CouplesAsync(TestContext.Current.CancellationToken);
        var states = await control.PausedStatesAsync(TestContext.Current.CancellationToken);
        var histories = await control.PauseHistoriesAsync(TestContext.Current.CancellationToken);

        // Assert
        couples.Select(c => c.Id).ShouldBe(made.Select(c => c.Id), ignoreOrder: true);
        states.Count.ShouldBe(10_050);
        histories.Count.ShouldBe(10_050);
    }
}
