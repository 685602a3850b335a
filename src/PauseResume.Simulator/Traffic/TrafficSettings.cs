using System.Globalization;
using PauseResume.Simulator.Json;

namespace PauseResume.Simulator.Traffic;

/// <summary>
/// The call-centre model: <see cref="Agents"/> agents (extensions and desk IPs), calls arriving as a Poisson process of
/// <see cref="RatePerHour"/> (times the hour's factor of <see cref="DailyCurve"/>, when there is one), lasting a
/// log-normal time of mean <see cref="MeanDurationSeconds"/> and coefficient of variation <see cref="DurationSpread"/>,
/// in the <see cref="Mix"/> of directions, a share of them transferred or conferenced. Drawn from <see cref="Seed"/>.
/// </summary>
public sealed record TrafficSettings
{
    public const double MaxRatePerHour = 100_000;
    public const double MinMeanDurationSeconds = 10;
    public const double MaxMeanDurationSeconds = 86_400;
    public const double MaxDurationSpread = 10;
    public const int MaxAgents = 10_000;

    /// <summary>The most calls in progress on average (Little's law: the rate times the mean duration), as many as the most agents.</summary>
    public const double MaxCallsInProgress = MaxAgents;

    public static TrafficSettings Default { get; } = new();

    /// <summary>Whether calls arrive; couples already planned end at their time either way.</summary>
    public bool Running { get; init; }

    public int Seed { get; init; } = 1;

    public double RatePerHour { get; init; } = 120;

    public double MeanDurationSeconds { get; init; } = 180;

    /// <summary>The durations' standard deviation over their mean; 0: every call lasts the mean.</summary>
    public double DurationSpread { get; init; } = 0.5;

    public int Agents { get; init; } = 20;

    public CallMix Mix { get; init; } = CallMix.Default;

    public double TransferShare { get; init; } = 0.1;

    public double ConferenceShare { get; init; } = 0.05;

    /// <summary>Null, or 24 factors of <see cref="RatePerHour"/>, one per hour of the day (UTC) on the simulator's clock.</summary>
    public IReadOnlyList<double>? DailyCurve { get; init; }

    /// <summary>What makes these settings a model that cannot run, or null; the message says what is accepted.</summary>
    public string? Problem() =>
        !(RatePerHour > 0 && RatePerHour <= MaxRatePerHour) ? $"ratePerHour must be above 0 and at most {MaxRatePerHour:0}, not {Text(RatePerHour)}"
        : !(MeanDurationSeconds >= MinMeanDurationSeconds && MeanDurationSeconds <= MaxMeanDurationSeconds) ? $"meanDurationSeconds must be from {MinMeanDurationSeconds:0} to {MaxMeanDurationSeconds:0}, not {Text(MeanDurationSeconds)}"
        : !(DurationSpread >= 0 && DurationSpread <= MaxDurationSpread) ? $"durationSpread (standard deviation / mean) must be from 0 to {MaxDurationSpread:0}, not {Text(DurationSpread)}"
        : Agents is < 2 or > MaxAgents ? $"agents must be from 2 to {MaxAgents} (an internal call needs two), not {Agents}"
        : Mix is null ? "mix is required"
        : Mix.Problem() is { } mix ? mix
        : !(TransferShare >= 0 && TransferShare <= 1) ? $"transferShare must be from 0 to 1, not {Text(TransferShare)}"
        : !(ConferenceShare >= 0 && ConferenceShare <= 1) ? $"conferenceShare must be from 0 to 1, not {Text(ConferenceShare)}"
        : TransferShare + ConferenceShare > 1 ? "transferShare and conferenceShare together must be at most 1"
        : DailyCurve is { } curve && (curve.Count != 24 || curve.Any(f => !double.IsFinite(f) || f < 0) || curve.All(f => f == 0))
            ? "dailyCurve must be 24 factors (hour 0 to 23, UTC) of at least 0, not all 0; "
              + (curve.Count != 24 ? $"it has {curve.Count}"
                  : curve.ToList().FindIndex(f => !double.IsFinite(f) || f < 0) is var hour and >= 0 ? $"hour {hour}'s is {Text(curve[hour])}"
                  : "every factor is 0")

        // The curve multiplies the rate: unchecked, one large factor would ask for calls closer together than the clock's
        // tick, and the traffic would start them at one instant without end.
        : PeakRatePerHour > MaxRatePerHour
            ? $"the peak rate, ratePerHour times the dailyCurve's largest factor, must be at most {MaxRatePerHour:0} calls per hour, not {Text(PeakRatePerHour)}"
        : PeakRatePerHour * MeanDurationSeconds / 3600 is var inProgress && inProgress > MaxCallsInProgress
            ? $"the peak rate times meanDurationSeconds over 3600 (the calls in progress on average) must be at most {MaxCallsInProgress:0}, not {Text(inProgress)}: each is kept in memory and shown on the dashboard"
        : null;

    /// <summary>The rate of the busiest hour: <see cref="RatePerHour"/> times the largest factor of <see cref="DailyCurve"/>.</summary>
    public double PeakRatePerHour => RatePerHour * (DailyCurve is { Count: > 0 } curve ? curve.Max() : 1);

    /// <summary>
    /// Reads the command line's <c>--traffic RATE[,name=value…]</c>: the rate per hour, then any setting by its JSON name
    /// (<c>mix=IN/OUT/INT</c>, <c>dailyCurve=F0/F1/…/F23</c>). Traffic given on the command line runs from the start.
    /// </summary>
    public static Checked<TrafficSettings> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',');
        if (!TryNumber(parts[0], out var rate))
        {
            return Fail($"traffic starts with the rate of calls per hour, not '{parts[0]}'");
        }

        var settings = Default with { Running = true, RatePerHour = rate };
        foreach (var part in parts.Skip(1))
        {
            var pair = part.Split('=', 2);
            var value = pair.Length == 2 ? pair[1] : string.Empty;
            var next = pair[0] switch
            {
                "seed" => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed) ? settings with { Seed = seed } : null,
                "meanDurationSeconds" => TryNumber(value, out var mean) ? settings with { MeanDurationSeconds = mean } : null,
                "durationSpread" => TryNumber(value, out var spread) ? settings with { DurationSpread = spread } : null,
                "agents" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var agents) ? settings with { Agents = agents } : null,
                "transferShare" => TryNumber(value, out var transfers) ? settings with { TransferShare = transfers } : null,
                "conferenceShare" => TryNumber(value, out var conferences) ? settings with { ConferenceShare = conferences } : null,
                "mix" => Numbers(value) is [var incoming, var outgoing, var @internal] ? settings with { Mix = new CallMix(incoming, outgoing, @internal) } : null,
                "dailyCurve" => Numbers(value) is { Length: 24 } curve ? settings with { DailyCurve = curve } : null,
                _ => null,
            };
            if (next is null)
            {
                return Fail($"'{part}' is not a traffic setting: after the rate come seed=N, meanDurationSeconds=S, durationSpread=X, agents=N, "
                            + "transferShare=X, conferenceShare=X, mix=IN/OUT/INT, dailyCurve=F0/…/F23");
            }

            settings = next;
        }

        return settings.Problem() is { } problem ? Fail(problem) : Checked<TrafficSettings>.Ok(settings with { Mix = settings.Mix.Normalized() });
    }

    private static Checked<TrafficSettings> Fail(string message) => Checked<TrafficSettings>.Fail(message);

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static double[]? Numbers(string text)
    {
        var parts = text.Split('/');
        var numbers = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryNumber(parts[i], out numbers[i]))
            {
                return null;
            }
        }

        return numbers;
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
