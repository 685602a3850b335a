using PauseResume.Simulator.Json;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Traffic;

/// <summary>The typed control client reaches the clock and the traffic, and says why a refusal was one.</summary>
public sealed class ControlClientClockAndTrafficTests
{
    [Fact]
    public async Task The_control_client_starts_traffic_advances_the_clock_and_stops_it()
    {
        // Arrange
        var cancel = TestContext.Current.CancellationToken;
        await using var recorder = await FakeRecorder.StartAsync(Small(), cancel);
        var control = recorder.CreateControlClient();

        // Act
        var started = await control.ChangeTrafficAsync(new TrafficChangeJson(Running: true, Seed: 3, RatePerHour: 900), cancel);
        var clock = await control.AdvanceClockAsync(TimeSpan.FromMinutes(20), cancel);
        await control.StopTrafficAsync(cancel);
        var stopped = await control.GetTrafficAsync(cancel);
        var scaled = await control.SetClockAsync(new ClockChangeJson("scaled", 10), cancel);
        var refused = await Should.ThrowAsync<SimulatorControlException>(() => control.AdvanceClockAsync(TimeSpan.FromSeconds(1), cancel));

        // Assert
        started.Running.ShouldBeTrue();
        clock.Now.ShouldBe(FakeRecorder.Epoch.AddMinutes(20));
        stopped.Running.ShouldBeFalse();
        stopped.Started.ShouldBeGreaterThan(200);
        (await control.ListCallsAsync(includeEnded: true, cancel)).Count.ShouldBe(Small().Calls.Count + (int)stopped.Started);
        scaled.Mode.ShouldBe("scaled");
        scaled.Scale.ShouldBe(10);
        refused.Status.ShouldBe(409);
        refused.Message.ShouldContain("only a manual clock is advanced");
    }
}
