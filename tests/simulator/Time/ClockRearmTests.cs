using Microsoft.Extensions.Time.Testing;
using PauseResume.Simulator.Time;

namespace PauseResume.Simulator.Tests.Time;

/// <summary>The clock's one host timer is set for the earliest timer due, whatever order two threads set it in.</summary>
public sealed class ClockRearmTests
{
    [Fact]
    public async Task A_timer_set_while_another_thread_sets_the_host_timer_for_a_later_one_still_fires_at_its_time()
    {
        // Arrange: thread A sets a timer for 10 minutes and is held inside the host timer's Change with that wait
        var host = new GatedHost(new FakeTimeProvider(FakeRecorder.Epoch));
        using var clock = new SimulatorClock(host, ClockSetting.Real);
        host.HoldNextChange();
        var late = Task.Run(() => clock.CreateTimer(_ => { }, null, TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan), TestContext.Current.CancellationToken);
        await host.Held.WaitAsync(TestContext.Current.CancellationToken);
        var fired = new TaskCompletionSource();

        // Act: meanwhile a timer for 1 s sets the host timer; then A's stale 10-minute setting goes through
        using var soon = clock.CreateTimer(_ => fired.TrySetResult(), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        host.Release();
        using var lateTimer = await late.WaitAsync(TestContext.Current.CancellationToken);
        host.Fake.Advance(TimeSpan.FromSeconds(1));

        // Assert
        fired.Task.IsCompleted.ShouldBeTrue("the 1 s timer fires at 1 s: the host timer ends set for the earliest timer, not for the one measured first");
    }

    /// <summary>A fake host clock whose timers' next Change can be held until released, to order two threads exactly.</summary>
    private sealed class GatedHost(FakeTimeProvider fake) : TimeProvider
    {
        private readonly TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int hold;

        public FakeTimeProvider Fake => fake;

        public Task Held => held.Task;

        public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            new GatedTimer(this, fake.CreateTimer(callback, state, dueTime, period));

        public void HoldNextChange() => Volatile.Write(ref hold, 1);

        public void Release() => released.TrySetResult();

        private void Gate()
        {
            if (Interlocked.Exchange(ref hold, 0) == 1)
            {
                held.TrySetResult();
                released.Task.Wait(TestContext.Current.CancellationToken);
            }
        }

        private sealed class GatedTimer(GatedHost host, ITimer inner) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                host.Gate();
                return inner.Change(dueTime, period);
            }

            public void Dispose() => inner.Dispose();

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
