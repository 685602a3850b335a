using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace PauseResume.Conformance.Tests.Support;

/// <summary>A clock the test moves, which tells the test each wait started on it (a delay, a timer) and for how long.</summary>
internal sealed class SteppedClock : FakeTimeProvider
{
    public Channel<TimeSpan> Waits { get; } = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Waits.Writer.TryWrite(dueTime);
        return timer;
    }
}
