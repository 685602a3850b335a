using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Traffic;

/// <summary>
/// Runs the <see cref="TrafficModel"/> on the simulator's clock against the recorder: each arrival starts its first
/// couple and plans the next arrival; every couple ends at its scheduled time. One timer on the clock, set for the
/// earliest event of an agenda kept in time order (ties in the order planned), so a manual clock advanced the same way
/// plays the same calls. Stopping ends arrivals only: calls under way keep their planned legs and ends.
/// </summary>
public sealed class TrafficGenerator : IDisposable
{
    /// <summary>
    /// The most events handled in one turn under the lock; the rest wait for the next turn, at once. A scaled clock far
    /// ahead of what the host can play would otherwise hold the lock for ever longer turns, and a request to read or stop
    /// the traffic would wait behind them.
    /// </summary>
    internal const int MaxEventsPerTurn = 10_000;

    private readonly Lock gate = new();
    private readonly Recorder recorder;
    private readonly TimeProvider clock;
    private readonly ITimer timer;
    private readonly PriorityQueue<TrafficEvent, (DateTimeOffset At, long Sequence)> agenda = new();
    private TrafficSettings settings = TrafficSettings.Default;
    private Random random = new(TrafficSettings.Default.Seed);
    private TrafficModel model;
    private long sequence;
    private long arrivals;
    private long started;
    private long ended;

    public TrafficGenerator(Recorder recorder, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(clock);
        this.recorder = recorder;
        this.clock = clock;
        model = new TrafficModel(settings, random);
        timer = clock.CreateTimer(_ => Run(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public TrafficStatus Status
    {
        get { lock (gate) { return new TrafficStatus(settings, started, ended); } }
    }

    /// <summary>The calls expected within <paramref name="span"/> at the peak hour's rate; 0 when the traffic is stopped.</summary>
    public double PeakCallsWithin(TimeSpan span)
    {
        lock (gate)
        {
            return settings.Running ? settings.PeakRatePerHour * span.TotalHours : 0;
        }
    }

    /// <summary>
    /// Runs under <paramref name="next"/> from now. The draws start again from the seed when the seed changes or the
    /// traffic starts; otherwise they go on, and only the next arrival is drawn again under the new settings.
    /// </summary>
    /// <exception cref="ArgumentException">The settings have a <see cref="TrafficSettings.Problem"/>; nothing changes.</exception>
    public void Apply(TrafficSettings next) => Apply(next, reseed: false);

    /// <summary>Runs under <paramref name="next"/> from now, its draws started again from its seed (a world's traffic on a reset).</summary>
    /// <exception cref="ArgumentException">The settings have a <see cref="TrafficSettings.Problem"/>; nothing changes.</exception>
    public void Restart(TrafficSettings next) => Apply(next, reseed: true);

    private void Apply(TrafficSettings next, bool reseed)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(next));
        }

        lock (gate)
        {
            if (reseed || next.Seed != settings.Seed || (next.Running && !settings.Running))
            {
                random = new Random(next.Seed);
            }

            settings = next with { Mix = next.Mix.Normalized() };
            model = new TrafficModel(settings, random);
            arrivals++; // the arrival planned under the old settings no longer comes
            if (settings.Running)
            {
                Plan(model.NextArrival(clock.GetUtcNow()), new TrafficEvent(arrivals, null, 0, Ends: false));
            }

            ArmLocked();
        }
    }

    /// <summary>No more arrivals; calls under way end at their time.</summary>
    public void Stop()
    {
        lock (gate)
        {
            Apply(settings with { Running = false });
        }
    }

    public void Dispose() => timer.Dispose();

    /// <summary>
    /// One turn: the events due, in time order, under the lock; the recorder's <see cref="Recorder.Changed"/> once, after
    /// the lock, so a handler that reads or changes the traffic from another thread never waits on this turn.
    /// </summary>
    private void Run()
    {
        var changed = false;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            for (var handled = 0; handled < MaxEventsPerTurn && agenda.TryPeek(out var next, out var key) && key.At <= now; handled++)
            {
                agenda.Dequeue();
                changed |= Handle(next, key.At);
            }

            ArmLocked();
        }

        if (changed)
        {
            recorder.NotifyChanged();
        }
    }

    /// <summary>Handles one event; true when it started or ended a couple.</summary>
    private bool Handle(TrafficEvent e, DateTimeOffset at)
    {
        if (e.Call is null)
        {
            if (e.Arrival == arrivals && settings.Running)
            {
                var call = new CallUnderWay(model.Plan(at));
                Plan(at, new TrafficEvent(0, call, 0, Ends: false));
                for (var later = 1; later < call.Plan.Legs.Count; later++)
                {
                    Plan(call.Plan.Legs[later].Start, new TrafficEvent(0, call, later, Ends: false));
                }

                Plan(model.NextArrival(at), new TrafficEvent(arrivals, null, 0, Ends: false));
            }

            return false;
        }

        var planned = e.Call.Plan.Legs[e.Leg];
        if (e.Ends)
        {
            var endedNow = e.Call.Couples[e.Leg] is { } couple && recorder.EndCallUnnoticed(couple);
            ended += endedNow ? 1 : 0;
            return endedNow;
        }

        // A later leg joins its call only while the first is still that couple in progress (not ended by hand, not reset away).
        if (e.Leg > 0 && (e.Call.Couples[0] is not { } first || recorder.Find(first.Id) is not { InProgress: true } state || !ReferenceEquals(state.Couple, first)))
        {
            return false;
        }

        var leg = planned.Call with { CallId = e.Call.Couples[0]?.CallId, Start = planned.Start };
        if (recorder.TryStartCallUnnoticed(leg) is not { } begun)
        {
            return false;
        }

        e.Call.Couples[e.Leg] = begun;
        this.started++;
        Plan(planned.End, e with { Ends = true });
        return true;
    }

    private void Plan(DateTimeOffset at, TrafficEvent e) => agenda.Enqueue(e, (at, ++sequence));

    private void ArmLocked()
    {
        if (agenda.TryPeek(out _, out var key))
        {
            var wait = key.At - clock.GetUtcNow();
            timer.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
        }
        else
        {
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>An arrival to come (<see cref="Call"/> null, valid while <see cref="Arrival"/> is current), or a leg's start or end.</summary>
    private sealed record TrafficEvent(long Arrival, CallUnderWay? Call, int Leg, bool Ends);

    private sealed class CallUnderWay(PlannedCall plan)
    {
        public PlannedCall Plan { get; } = plan;

        public Couple?[] Couples { get; } = new Couple?[plan.Legs.Count];
    }
}
