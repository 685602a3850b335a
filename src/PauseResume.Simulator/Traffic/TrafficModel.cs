using System.Globalization;
using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Traffic;

/// <summary>
/// The call-centre model itself, pure: from its settings and one seeded <see cref="Random"/> it draws arrivals in time
/// order and plans each call's couples. It knows no clock and no recorder, so the same seed draws the same calls.
/// </summary>
public sealed class TrafficModel
{
    /// <summary>
    /// No gap between two arrivals is drawn longer than this, so a tiny rate cannot overflow the clock. It is a year and an
    /// hour, not a whole number of days: gaps that long land in each hour of the day in turn, so the thinning meets the
    /// daily curve's busiest hour within 24 of them, where whole days would keep every candidate in one hour, which may be
    /// one the curve gives no calls, for ever.
    /// </summary>
    private static readonly TimeSpan LongestGap = TimeSpan.FromDays(365) + TimeSpan.FromHours(1);

    private readonly TrafficSettings settings;
    private readonly Random random;
    private readonly CallMix mix;
    private readonly double peak;
    private readonly double sigma;
    private readonly double mu;

    public TrafficModel(TrafficSettings settings, Random random)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(random);
        if (settings.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(settings));
        }

        this.settings = settings;
        this.random = random;
        mix = settings.Mix.Normalized();
        peak = settings.DailyCurve?.Max() ?? 1;

        // A log-normal with this mean and coefficient of variation: sigma² = ln(1 + cv²), mu = ln(mean) - sigma²/2.
        sigma = Math.Sqrt(Math.Log(1 + (settings.DurationSpread * settings.DurationSpread)));
        mu = Math.Log(settings.MeanDurationSeconds) - (sigma * sigma / 2);
    }

    /// <summary>The extension of agent <paramref name="agent"/> (from 0): 2001, 2002, …</summary>
    public static string Extension(int agent) => (2001 + agent).ToString(CultureInfo.InvariantCulture);

    /// <summary>The desk phone's IP of agent <paramref name="agent"/> (from 0): 10.1.0.1, 10.1.0.2, …</summary>
    public static string DeskIp(int agent) => FormattableString.Invariant($"10.1.{agent / 250}.{(agent % 250) + 1}");

    /// <summary>
    /// The next arrival after <paramref name="after"/>: exponential gaps at the peak rate, each kept with the chance of its
    /// hour's factor over the peak (thinning), which is a Poisson process of the daily curve's rate.
    /// </summary>
    public DateTimeOffset NextArrival(DateTimeOffset after)
    {
        var perSecond = settings.RatePerHour * peak / 3600;
        var at = after;
        while (true)
        {
            if (DateTimeOffset.MaxValue - at <= LongestGap)
            {
                return DateTimeOffset.MaxValue; // beyond the clock: no call arrives
            }

            at += Seconds(-Math.Log(1 - random.NextDouble()) / perSecond, LongestGap);
            if (settings.DailyCurve is not { } curve || random.NextDouble() * peak < curve[at.UtcDateTime.Hour])
            {
                return at;
            }
        }
    }

    /// <summary>Plans the call arriving at <paramref name="start"/>: its kind, direction, parties and every couple's start and end.</summary>
    public PlannedCall Plan(DateTimeOffset start)
    {
        var duration = Seconds(Math.Max(1, Math.Exp(mu + (sigma * Normal()))), TimeSpan.FromDays(30));
        var draw = random.NextDouble();
        var kind = draw < settings.TransferShare ? CallKind.Transfer
            : draw < settings.TransferShare + settings.ConferenceShare ? CallKind.Conference
            : CallKind.Simple;
        var way = random.NextDouble();
        var direction = way < mix.Incoming ? Direction.Incoming : way < mix.Incoming + mix.Outgoing ? Direction.Outgoing : Direction.Internal;
        var a = random.Next(settings.Agents);
        var b = Other(a, -1);
        var c = Other(a, b);
        var external = "555" + random.Next(10_000).ToString("0000", CultureInfo.InvariantCulture);
        var gateway = FormattableString.Invariant($"10.0.0.{random.Next(2, 21)}");
        var end = start + duration;
        var first = direction switch
        {
            Direction.Incoming => new NewCall(external, Extension(a), gateway, DeskIp(a), Direction.Incoming),
            Direction.Outgoing => new NewCall(Extension(a), external, DeskIp(a), gateway, Direction.Outgoing),
            _ => new NewCall(Extension(a), Extension(b), DeskIp(a), DeskIp(b), Direction.Internal),
        };
        if (kind == CallKind.Simple)
        {
            return new PlannedCall(start, duration, kind, [new PlannedLeg(first, start, end)]);
        }

        var moment = start + (duration * (0.2 + (0.6 * random.NextDouble())));
        if (kind == CallKind.Conference)
        {
            // A third party joins the agent's call: a CONF couple between the agent and a colleague on the same callId.
            var joining = direction == Direction.Internal ? c : b;
            var conference = new NewCall(Extension(a), Extension(joining), DeskIp(a), DeskIp(joining), Direction.Internal, CoupleType.Conf);
            return new PlannedCall(start, duration, kind, [new PlannedLeg(first, start, end), new PlannedLeg(conference, moment, end)]);
        }

        // Consult transfer: the colleague's leg starts at the hand-over, the first agent stays on a few seconds, then leaves.
        var overlap = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, (end - moment).Ticks / 2));
        var taker = direction == Direction.Internal ? c : b;
        var handedOver = direction switch
        {
            Direction.Incoming => first with { CalledNumber = Extension(taker), CalledIp = DeskIp(taker) },
            Direction.Outgoing => first with { CallingNumber = Extension(taker), CallingIp = DeskIp(taker) },
            _ => first with { CallingNumber = Extension(taker), CallingIp = DeskIp(taker) },
        };
        return new PlannedCall(start, duration, kind, [new PlannedLeg(first, start, moment + overlap), new PlannedLeg(handedOver, moment, end)]);
    }

    private static TimeSpan Seconds(double seconds, TimeSpan most) =>
        seconds >= most.TotalSeconds ? most : TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));

    /// <summary>A standard normal draw (Box–Muller), from two uniform draws of the one seeded source.</summary>
    private double Normal()
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private int Other(int first, int second)
    {
        // Agents is at least 2; a third distinct agent exists only from 3, else the second is reused.
        if (settings.Agents < 3 && second >= 0)
        {
            return second;
        }

        while (true)
        {
            var other = random.Next(settings.Agents);
            if (other != first && other != second)
            {
                return other;
            }
        }
    }
}
