using System.Net;
using PauseResume.Simulator.Faults;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Faults;

/// <summary>Every legacy request is matched against each fault switched on, so their number is capped.</summary>
public sealed class FaultCountTests
{
    [Fact]
    public async Task A_fault_beyond_the_most_there_can_be_is_a_409_and_one_switched_off_makes_room()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        for (var i = 0; i < FaultInjector.MaxFaults; i++)
        {
            using var added = await Control.PostAsync(http, "/simulator/faults", $$"""{"name":"cut{{i}}","kind":"abort","path":"/nowhere"}""");
            added.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        // Act
        using var refused = await Control.PostAsync(http, "/simulator/faults", """{"name":"onemore","kind":"abort"}""");
        var text = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var removed = await http.DeleteAsync("/simulator/faults/cut0", TestContext.Current.CancellationToken);
        using var room = await Control.PostAsync(http, "/simulator/faults", """{"name":"onemore","kind":"abort","path":"/nowhere"}""");

        // Assert
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict, text);
        text.ShouldContain($"{FaultInjector.MaxFaults} faults are on already");
        recorder.Faults.List().Count.ShouldBe(FaultInjector.MaxFaults);
        room.StatusCode.ShouldBe(HttpStatusCode.Created, "switching one off makes room for another");
    }
}
