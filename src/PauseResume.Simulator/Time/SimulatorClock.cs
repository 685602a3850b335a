namespace PauseResume.Simulator.Time;

/// <summary>
/// The simulator's clock, and the <see cref="TimeProvider"/> everything time-driven reads (session expiry, scheduled call
/// ends, traffic): real, scaled or manual over the host's own clock. Timers created on it fire at their time on this
/// clock. When manual, <see cref="Advance"/> fires them one by one in time order (ties in the order they were set) with
/// the clock standing at each one's time, so the same advances give the same world. Changing the mode never moves the
/// time: the clock goes on from where it stands.
/// </summary>
public sealed class SimulatorClock : TimeProvider, IDisposable
{
    /// <summary>A host timer never waits longer than this, so a long wait is measured again rather than trusted.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(10);

    private readonly Lock gate = new();
    private readonly Lock firing = new();
    private readonly TimeProvider host;
    private readonly SortedSet<ClockTimer> due = new(ClockTimer.Order);
    private readonly ITimer wake;
    private ClockSetting setting;
    private DateTimeOffset anchor;
    private DateTimeOffset hostAnchor;
    private long sequence;
    private long changes;

    /// <param name="host">The host's clock: what real and scaled time move with.</param>
    /// <param name="start">Where the clock starts; null: the host's time now.</param>
    public SimulatorClock(TimeProvider host, ClockSetting setting, DateTimeOffset? start = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(setting);
        if (setting.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(setting));
        }

        this.host = host;
        this.setting = setting;
        hostAnchor = host.GetUtcNow();
        anchor = start ?? hostAnchor;
        wake = host.CreateTimer(_ => OnWake(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The host's clock this one moves with when real or scaled.</summary>
    public TimeProvider Host => host;

    public ClockSetting Setting
    {
        get { lock (gate) { return setting; } }
    }

    /// <summary>Simulated seconds per second of the host: 1 when real, the scale when scaled, 0 when manual.</summary>
    public double Pace
    {
        get { lock (gate) { return PaceLocked(); } }
    }

    public override TimeZoneInfo LocalTimeZone => host.LocalTimeZone;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return NowLocked();
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Switches the mode; the time goes on from where it stands.</summary>
    /// <exception cref="ArgumentException">The setting has a <see cref="ClockSetting.Problem"/>.</exception>
    public void Set(ClockSetting next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(next));
        }

        lock (gate)
        {
            anchor = NowLocked();
            hostAnchor = host.GetUtcNow();
            setting = next;
            changes++;
        }

        Rearm();
    }

    /// <summary>
    /// Moves a manual clock on by <paramref name="by"/>, firing every timer due on the way in time order, the clock
    /// standing at each one's time while it runs. False, and nothing moves, when the clock is not manual.
    /// </summary>
    public bool Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (firing)
        {
            DateTimeOffset target;
            lock (gate)
            {
                if (setting.Mode != ClockMode.Manual)
                {
                    return false;
                }

                target = anchor + by;
            }

            FireUntil(target, manual: true);
            lock (gate)
            {
                if (setting.Mode == ClockMode.Manual && anchor < target)
                {
                    anchor = target;
                }
            }
        }

        return true;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ClockTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Dispose() => wake.Dispose();

    internal void Schedule(ClockTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (gate)
        {
            due.Remove(timer);
            timer.Period = period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan ? period : null;
            timer.Due = dueTime == Timeout.InfiniteTimeSpan ? null : NowLocked() + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
            if (timer.Due is not null)
            {
                timer.Sequence = ++sequence;
                due.Add(timer);
            }

            changes++;
        }

        Rearm();
    }

    internal void Cancel(ClockTimer timer)
    {
        lock (gate)
        {
            due.Remove(timer);
            timer.Due = null;
        }
    }

    private DateTimeOffset NowLocked() => setting.Mode == ClockMode.Manual ? anchor : anchor + ((host.GetUtcNow() - hostAnchor) * PaceLocked());

    private double PaceLocked() => setting.Mode switch
    {
        ClockMode.Manual => 0,
        ClockMode.Scaled => setting.Scale,
        _ => 1,
    };

    /// <summary>Fires, one at a time and outside the lock, every timer due by <paramref name="limit"/>, earliest first.</summary>
    private void FireUntil(DateTimeOffset limit, bool manual)
    {
        while (true)
        {
            ClockTimer timer;
            lock (gate)
            {
                if (due.Count == 0 || due.Min!.Due > limit)
                {
                    return;
                }

                timer = due.Min;
                due.Remove(timer);
                if (manual && anchor < timer.Due!.Value)
                {
                    anchor = timer.Due.Value;
                }

                if (timer.Period is { } period)
                {
                    timer.Due += period;
                    timer.Sequence = ++sequence;
                    due.Add(timer);
                    changes++;
                }
                else
                {
                    timer.Due = null;
                }
            }

            timer.Fire();
        }
    }

    private void OnWake()
    {
        lock (firing)
        {
            FireUntil(GetUtcNow(), manual: false);
        }

        Rearm();
    }

    /// <summary>
    /// Sets the host's timer for the next timer due, when the clock moves on its own; stops it when manual. The host's
    /// timer is set outside the lock, so two threads may set it in either order: one that finds the timers changed since
    /// it measured sets it again, and the last setting always comes from the latest timers.
    /// </summary>
    private void Rearm()
    {
        while (true)
        {
            TimeSpan wait;
            long measured;
            lock (gate)
            {
                measured = changes;
                var pace = PaceLocked();
                if (pace == 0 || due.Count == 0)
                {
                    wait = Timeout.InfiniteTimeSpan;
                }
                else
                {
                    // Rounded up: a host timer that woke a tick early would find nothing due and be set for no wait at all.
                    // Never zero: a host clock may fire a timer due now inside Change, on a thread holding locks of its caller.
                    var ahead = (due.Min!.Due!.Value - NowLocked()).Ticks;
                    wait = ahead <= 0 ? TimeSpan.FromTicks(1)
                        : ahead / pace >= LongestWait.Ticks ? LongestWait
                        : TimeSpan.FromTicks((long)Math.Ceiling(ahead / pace));
                }
            }

            wake.Change(wait, Timeout.InfiniteTimeSpan);
            lock (gate)
            {
                if (changes == measured)
                {
                    return;
                }
            }
        }
    }
}
