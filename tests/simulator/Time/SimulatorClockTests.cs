using Microsoft.Extensions.Time.Testing;
using PauseResume.Simulator.Time;

namespace PauseResume.Simulator.Tests.Time;

/// <summary>The simulator's clock: manual time fires its timers in order; real and scaled time follow the host's clock.</summary>
public sealed class SimulatorClockTests
{
    private static readonly DateTimeOffset Start = FakeRecorder.Epoch;

    [Fact]
    public void A_manual_clock_fires_its_timers_in_time_order_standing_at_each_ones_time()
    {
        // Arrange
        using var clock = new SimulatorClock(new FakeTimeProvider(Start), ClockSetting.Manual);
        var fired = new List<string>();
        void Note(object? name) => fired.Add($"{name}@{(clock.GetUtcNow() - Start).TotalSeconds}");
        using var late = clock.CreateTimer(Note, "late", TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        using var first = clock.CreateTimer(Note, "first", TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        using var second = clock.CreateTimer(Note, "second", TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        using var ticking = clock.CreateTimer(Note, "tick", TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20));

        // Act
        var moved = clock.Advance(TimeSpan.FromSeconds(45));

        // Assert
        moved.ShouldBeTrue();
        fired.ShouldBe(["first@10", "second@10", "tick@20", "late@30", "tick@40"], "timers fire in time order, ties in the order they were set");
        clock.GetUtcNow().ShouldBe(Start.AddSeconds(45));
    }

    [Fact]
    public void A_timer_set_while_another_fires_fires_in_the_same_advance_when_it_falls_due()
    {
        // Arrange
        using var clock = new SimulatorClock(new FakeTimeProvider(Start), ClockSetting.Manual);
        var fired = new List<double>();
        ITimer? chained = null;
        using var first = clock.CreateTimer(
            _ => chained = clock.CreateTimer(_ => fired.Add((clock.GetUtcNow() - Start).TotalSeconds), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan),
            null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        // Act
        clock.Advance(TimeSpan.FromMinutes(1));

        // Assert
        fired.ShouldBe([15.0]);
        chained.ShouldNotBeNull().Dispose();
    }

    [Fact]
    public void A_disposed_or_stopped_timer_never_fires()
    {
        using var clock = new SimulatorClock(new FakeTimeProvider(Start), ClockSetting.Manual);
        var fired = 0;
        var disposed = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var stopped = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        disposed.Dispose();
        stopped.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromMinutes(1));

        fired.ShouldBe(0);
        disposed.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan).ShouldBeFalse("a disposed timer cannot be set again");
    }

    [Fact]
    public void Switching_the_mode_never_moves_the_time_and_each_mode_keeps_its_own_pace()
    {
        // Arrange
        var host = new FakeTimeProvider(Start);
        using var clock = new SimulatorClock(host, ClockSetting.Manual);

        // Act and assert, step by step
        clock.Advance(TimeSpan.FromMinutes(5));
        clock.Set(ClockSetting.Real);
        clock.GetUtcNow().ShouldBe(Start.AddMinutes(5), "switching to real does not jump to the host's time");
        host.Advance(TimeSpan.FromMinutes(1));
        clock.GetUtcNow().ShouldBe(Start.AddMinutes(6), "real: at the host's pace");
        clock.Set(new ClockSetting(ClockMode.Scaled, 60));
        host.Advance(TimeSpan.FromMinutes(1));
        clock.GetUtcNow().ShouldBe(Start.AddMinutes(66), "scaled x60: an hour per host minute");
        clock.Set(ClockSetting.Manual);
        host.Advance(TimeSpan.FromHours(1));
        clock.GetUtcNow().ShouldBe(Start.AddMinutes(66), "manual: still, whatever the host does");
        clock.Pace.ShouldBe(0);
    }

    [Fact]
    public void A_scaled_clock_fires_a_timer_when_the_host_reaches_the_scaled_time()
    {
        // Arrange
        var host = new FakeTimeProvider(Start);
        using var clock = new SimulatorClock(host, new ClockSetting(ClockMode.Scaled, 60));
        var firedAt = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => firedAt.Add(clock.GetUtcNow()), null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);

        // Act
        host.Advance(TimeSpan.FromSeconds(59));
        var before = firedAt.Count;
        host.Advance(TimeSpan.FromSeconds(1));

        // Assert
        before.ShouldBe(0, "59 host seconds are 59 simulated minutes");
        firedAt.ShouldBe([Start.AddHours(1)]);
    }

    [Fact]
    public void Only_a_manual_clock_is_advanced()
    {
        var host = new FakeTimeProvider(Start);
        using var clock = new SimulatorClock(host, ClockSetting.Real);

        clock.Advance(TimeSpan.FromHours(1)).ShouldBeFalse();

        clock.GetUtcNow().ShouldBe(Start, "a real clock moves only with its host");
    }

    [Theory]
    [InlineData("real", ClockMode.Real, 1)]
    [InlineData("manual", ClockMode.Manual, 1)]
    [InlineData("scaled:60", ClockMode.Scaled, 60)]
    [InlineData("scaled:0.5", ClockMode.Scaled, 0.5)]
    public void The_command_line_names_each_mode(string text, ClockMode mode, double scale)
    {
        ClockSetting.Parse(text).Value.ShouldBe(new ClockSetting(mode, scale));
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("scaled")]
    [InlineData("scaled:")]
    [InlineData("scaled:0")]
    [InlineData("scaled:-2")]
    [InlineData("scaled:1e9")]
    [InlineData("scaled:NaN")]
    [InlineData("real:2")]
    [InlineData("")]
    public void Any_other_clock_is_refused_with_what_is_accepted(string text)
    {
        var parsed = ClockSetting.Parse(text);

        parsed.Value.ShouldBeNull();
        parsed.Error.ShouldNotBeNull().ShouldMatch("real|scale");
    }
}
