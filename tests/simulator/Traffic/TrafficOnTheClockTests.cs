using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Time;
using PauseResume.Simulator.Traffic;

namespace PauseResume.Simulator.Tests.Traffic;

/// <summary>The traffic plays the model's calls on the recorder: each couple starts and ends at its planned time on the clock.</summary>
public sealed class TrafficOnTheClockTests
{
    private static readonly TrafficSettings Busy = new()
    {
        Running = true, Seed = 3, RatePerHour = 300, MeanDurationSeconds = 300, TransferShare = 0.2, ConferenceShare = 0.2,
    };

    [Fact]
    public async Task On_a_manual_clock_couples_start_and_end_exactly_when_the_model_planned()
    {
        // Arrange
        await using var recorder = await FakeRecorder.CreateBuilder().WithTraffic(Busy).StartAsync(TestContext.Current.CancellationToken);
        var now = FakeRecorder.Epoch.AddHours(1);
        var planned = TrafficModelStatisticsTests.Calls(Busy, now);
        var legs = planned.SelectMany(c => c.Legs).Where(l => l.Start <= now).OrderBy(l => l.Start).ToList();

        // Act
        recorder.Advance(TimeSpan.FromHours(1));

        // Assert
        var couples = recorder.Recorder.Couples(includeEnded: true);
        couples.Count.ShouldBe(legs.Count, "every planned leg that has started, and nothing else");
        for (var i = 0; i < legs.Count; i++)
        {
            couples[i].Couple.Start.ShouldBe(legs[i].Start, $"couple {i}");
            (couples[i].Couple.CallingNumber, couples[i].Couple.CalledNumber).ShouldBe((legs[i].Call.CallingNumber, legs[i].Call.CalledNumber), $"couple {i}");
            couples[i].EndedAt.ShouldBe(legs[i].End <= now ? legs[i].End : null, $"couple {i} ends at its scheduled end");
        }

        var status = recorder.Traffic.Status;
        status.Started.ShouldBe(legs.Count);
        status.Ended.ShouldBe(legs.Count(l => l.End <= now));
    }

    [Fact]
    public async Task Transfers_and_conferences_are_couples_sharing_their_calls_callId()
    {
        // Arrange
        await using var recorder = await FakeRecorder.CreateBuilder().WithTraffic(Busy).StartAsync(TestContext.Current.CancellationToken);
        var planned = TrafficModelStatisticsTests.Calls(Busy, FakeRecorder.Epoch.AddHours(1));

        // Act
        recorder.Advance(TimeSpan.FromHours(2));

        // Assert
        var byStart = recorder.Recorder.Couples(includeEnded: true).ToDictionary(c => c.Couple.Start);
        var twoLegged = planned.Where(c => c.Kind != CallKind.Simple).ToList();
        twoLegged.Count.ShouldBeGreaterThan(50);
        twoLegged.ShouldAllBe(c => byStart[c.Legs[0].Start].Couple.CallId == byStart[c.Legs[1].Start].Couple.CallId);
        planned.Where(c => c.Kind == CallKind.Simple).Select(c => byStart[c.Start].Couple.CallId).ShouldBeUnique();
    }

    [Fact]
    public async Task On_a_scaled_clock_scheduled_ends_follow_the_scaled_time()
    {
        // Arrange: x3600 over the fake host clock, so one host second is one simulated hour
        await using var recorder = await FakeRecorder.CreateBuilder().WithClock(new ClockSetting(ClockMode.Scaled, 3600)).WithTraffic(Busy)
            .StartAsync(TestContext.Current.CancellationToken);
        var now = FakeRecorder.Epoch.AddHours(1);
        var legs = TrafficModelStatisticsTests.Calls(Busy, now).SelectMany(c => c.Legs).Where(l => l.Start <= now).ToList();

        // Act
        recorder.Advance(TimeSpan.FromSeconds(1));

        // Assert
        recorder.Time.GetUtcNow().ShouldBe(now);
        var couples = recorder.Recorder.Couples(includeEnded: true);
        couples.Select(c => c.Couple.Start).ShouldBe(legs.Select(l => l.Start).Order());
        couples.Count(c => !c.InProgress).ShouldBe(legs.Count(l => l.End <= now), "every couple whose scheduled end has passed on the scaled clock has ended");
        couples.Where(c => !c.InProgress).ShouldAllBe(c => c.EndedAt <= now);
    }

    [Fact]
    public async Task A_reset_forgets_the_ends_planned_before_it()
    {
        // Arrange
        await using var recorder = await FakeRecorder.CreateBuilder().WithTraffic(Busy).StartAsync(TestContext.Current.CancellationToken);
        recorder.Advance(TimeSpan.FromMinutes(30));
        recorder.Traffic.Stop();
        recorder.Recorder.Reset(World.Empty with { Calls = [new NewCall("5550100", "10031")] });
        var ended = recorder.Traffic.Status.Ended;

        // Act
        recorder.Advance(TimeSpan.FromDays(1));

        // Assert
        recorder.Recorder.Couples().ShouldHaveSingleItem("the world's own couple took an id a planned end still names, and stays")
            .Couple.CalledNumber.ShouldBe("10031");
        recorder.Traffic.Status.Ended.ShouldBe(ended, "no planned end reached a couple of the new world");
    }
}
