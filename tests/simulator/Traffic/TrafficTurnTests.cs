using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Traffic;

namespace PauseResume.Simulator.Tests.Traffic;

/// <summary>
/// The traffic plays its calls in bounded turns: a clock far ahead of what the host can play (scaled at its most, the
/// rate at its most) never holds the traffic's lock for one ever longer turn, so reading or stopping it gets in between.
/// </summary>
public sealed class TrafficTurnTests
{
    [Fact]
    public void One_turn_of_a_clock_far_ahead_handles_a_bounded_batch_and_sets_the_next_turn_at_once()
    {
        // Arrange: a clock an hour past the start at 100,000 calls per hour, the traffic's timer fired by hand
        var clock = new HandFiredClock(FakeRecorder.Epoch);
        var recorder = new Recorder(World.Empty, clock);
        using var traffic = new TrafficGenerator(recorder, clock);
        traffic.Apply(new TrafficSettings { Running = true, RatePerHour = TrafficSettings.MaxRatePerHour });
        clock.Now = FakeRecorder.Epoch.AddHours(1);

        // Act
        clock.FireTraffic();
        var afterOneTurn = traffic.Status.Started;

        // Assert
        afterOneTurn.ShouldBeGreaterThan(0);
        afterOneTurn.ShouldBeLessThanOrEqualTo(TrafficGenerator.MaxEventsPerTurn, "one turn handles a bounded batch, however far behind the clock it is");
        clock.DueIn.ShouldBe(TimeSpan.Zero, "the rest is due at once, in the next turn");
        clock.FireTraffic();
        traffic.Status.Started.ShouldBeGreaterThan(afterOneTurn, "the next turn goes on where the last stopped");
    }

    [Fact]
    public void A_turn_raises_the_recorders_change_once_after_its_lock_so_a_handler_may_read_the_traffic_from_another_thread()
    {
        // Arrange: a turn of many calls, and a handler that reads the traffic on another thread and waits for it
        var clock = new HandFiredClock(FakeRecorder.Epoch);
        var recorder = new Recorder(World.Empty, clock);
        using var traffic = new TrafficGenerator(recorder, clock);
        traffic.Apply(new TrafficSettings { Running = true, RatePerHour = 6_000 });
        clock.Now = FakeRecorder.Epoch.AddMinutes(10);
        var raised = 0;
        var readInTime = new List<bool>();
        recorder.Changed += (_, _) =>
        {
            if (++raised == 1)
            {
                // Once, and bounded: a handler raised under the traffic's lock would wait here for ever
                var read = Task.Run(() => traffic.Status.Started, TestContext.Current.CancellationToken);
                readInTime.Add(read.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
            }
        };

        // Act
        clock.FireTraffic();

        // Assert
        traffic.Status.Started.ShouldBeGreaterThan(1, "the turn started several calls");
        raised.ShouldBe(1, "one change for the whole turn, not one per call");
        readInTime.ShouldBe([true], "the handler ran after the traffic's lock was released, so another thread could read the traffic");
    }

    /// <summary>A clock that stands where it is set and whose one timer (the traffic's) fires only when told to.</summary>
    private sealed class HandFiredClock(DateTimeOffset start) : TimeProvider
    {
        private TimerCallback? callback;
        private object? state;

        public DateTimeOffset Now { get; set; } = start;

        public TimeSpan? DueIn { get; private set; }

        public override DateTimeOffset GetUtcNow() => Now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            (this.callback, this.state) = (callback, state);
            return new Timer(this);
        }

        public void FireTraffic() => callback!(state);

        private sealed class Timer(HandFiredClock clock) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                clock.DueIn = dueTime == Timeout.InfiniteTimeSpan ? null : dueTime;
                return true;
            }

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
