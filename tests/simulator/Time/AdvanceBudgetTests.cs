using System.Net;
using PauseResume.Simulator.Json;
using PauseResume.Simulator.Tests.Support;
using PauseResume.Simulator.Traffic;

namespace PauseResume.Simulator.Tests.Time;

/// <summary>One advance of the clock does bounded work: past a million calls of traffic on the way, it is refused, to be made in steps.</summary>
public sealed class AdvanceBudgetTests
{
    private static readonly TrafficSettings Busiest = new() { Running = true, RatePerHour = TrafficSettings.MaxRatePerHour };

    [Fact]
    public async Task An_advance_that_would_start_more_calls_than_one_request_may_is_a_409_that_names_the_step_and_moves_nothing()
    {
        // Arrange
        await using var recorder = await FakeRecorder.CreateBuilder().WithTraffic(Busiest).StartAsync(TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var before = recorder.Time.GetUtcNow();

        // Act: a week at the highest rate would be 16.8 million calls
        using var refused = await Control.PostAsync(http, "/simulator/clock/advance", $$"""{"seconds":{{AdvanceJson.MaxSeconds}}}""");
        var text = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // Assert
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict, text);
        text.ShouldContain("the traffic would start about 16800000 calls in 604800 s");
        text.ShouldContain("advance at most 36000 s at a time at this rate");
        recorder.Time.GetUtcNow().ShouldBe(before, "a refused advance moves nothing");
        recorder.Traffic.Status.Started.ShouldBe(0);
    }

    [Fact]
    public async Task An_advance_within_the_budget_at_the_highest_rate_goes_through()
    {
        // Arrange
        await using var recorder = await FakeRecorder.CreateBuilder().WithTraffic(Busiest).StartAsync(TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();

        // Act
        using var moved = await Control.PostAsync(http, "/simulator/clock/advance", """{"seconds":60}""");

        // Assert
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        recorder.Traffic.Status.Started.ShouldBeGreaterThan(0);
    }
}
