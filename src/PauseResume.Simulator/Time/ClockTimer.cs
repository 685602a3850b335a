namespace PauseResume.Simulator.Time;

/// <summary>A timer on the <see cref="SimulatorClock"/>: due at a time on that clock, in the order timers were set.</summary>
internal sealed class ClockTimer(SimulatorClock clock, TimerCallback callback, object? state) : ITimer
{
    /// <summary>Earliest first; at one time, the one set first.</summary>
    public static readonly IComparer<ClockTimer> Order = Comparer<ClockTimer>.Create((a, b) =>
    {
        var byTime = Nullable.Compare(a.Due, b.Due);
        return byTime != 0 ? byTime : a.Sequence.CompareTo(b.Sequence);
    });

    private bool disposed;

    public DateTimeOffset? Due { get; set; }

    public TimeSpan? Period { get; set; }

    public long Sequence { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (Volatile.Read(ref disposed))
        {
            return false;
        }

        clock.Schedule(this, dueTime, period);
        return true;
    }

    public void Fire()
    {
        if (!Volatile.Read(ref disposed))
        {
            callback(state);
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref disposed, true);
        clock.Cancel(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
