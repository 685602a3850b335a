using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Traffic;

namespace PauseResume.Simulator.Tests.Traffic;

/// <summary>
/// Over a long virtual run the model's calls have the statistics it was given. Each tolerance is six standard
/// deviations of the estimate under the model (a count of a Poisson process, a mean of log-normal draws, a share of
/// Bernoulli draws), so a correct model misses it with a chance below one in 10⁸; the fixed seeds make each run exact.
/// </summary>
public sealed class TrafficModelStatisticsTests
{
    private static readonly DateTimeOffset Start = FakeRecorder.Epoch;

    [Theory]
    [InlineData(20261127)]
    [InlineData(7)]
    public void Over_200_virtual_hours_the_arrival_rate_durations_and_shares_are_the_models(int seed)
    {
        // Arrange: 500 calls per hour for 200 hours, about 100,000 calls
        var settings = new TrafficSettings
        {
            Running = true, Seed = seed, RatePerHour = 500, MeanDurationSeconds = 240, DurationSpread = 0.8,
            TransferShare = 0.12, ConferenceShare = 0.05, Mix = new CallMix(0.6, 0.3, 0.1),
        };
        const double Hours = 200;
        var expected = settings.RatePerHour * Hours;

        // Act
        var calls = Calls(settings, Start.AddHours(Hours));

        // Assert
        var rateTolerance = 6 * Math.Sqrt(expected) / Hours; // a Poisson count's sd is the square root of its mean
        (calls.Count / Hours).ShouldBe(settings.RatePerHour, rateTolerance, "Poisson arrivals at ratePerHour");
        var durationTolerance = 6 * settings.DurationSpread * settings.MeanDurationSeconds / Math.Sqrt(expected);
        calls.Average(c => c.Duration.TotalSeconds).ShouldBe(settings.MeanDurationSeconds, durationTolerance, "log-normal durations of meanDurationSeconds");
        Share(calls, c => c.Kind == CallKind.Transfer).ShouldBe(settings.TransferShare, Tolerance(settings.TransferShare, expected), "transferShare");
        Share(calls, c => c.Kind == CallKind.Conference).ShouldBe(settings.ConferenceShare, Tolerance(settings.ConferenceShare, expected), "conferenceShare");
        Share(calls, c => c.Legs[0].Call.Direction == Direction.Incoming).ShouldBe(0.6, Tolerance(0.6, expected), "mix.incoming");
        Share(calls, c => c.Legs[0].Call.Direction == Direction.Internal).ShouldBe(0.1, Tolerance(0.1, expected), "mix.internal");
    }

    [Fact]
    public void Arrivals_are_in_time_order_and_every_call_lasts_its_duration_from_first_start_to_last_end()
    {
        var calls = Calls(new TrafficSettings { Running = true, TransferShare = 0.4, ConferenceShare = 0.4 }, Start.AddHours(100));

        calls.Select(c => c.Start).ShouldBeInOrder(SortDirection.Ascending);
        calls.ShouldAllBe(c => c.Legs[0].Start == c.Start && c.Legs.Max(l => l.End) == c.Start + c.Duration && c.Legs.All(l => l.Start < l.End));
        calls.Where(c => c.Kind == CallKind.Transfer).ShouldAllBe(c => c.Legs.Count == 2 && c.Legs[1].Start < c.Legs[0].End, "a consult transfer overlaps its two legs");
        calls.Where(c => c.Kind == CallKind.Conference).ShouldAllBe(c => c.Legs[1].Call.Type == CoupleType.Conf && c.Legs[1].End == c.Legs[0].End);
    }

    [Fact]
    public void A_daily_curve_shapes_the_rate_hour_by_hour()
    {
        // Arrange: closed at night, full rate by day, half rate in the evening, for 100 days
        var curve = Enumerable.Range(0, 24).Select(h => h < 8 ? 0.0 : h < 18 ? 1.0 : 0.5).ToArray();
        var settings = new TrafficSettings { Running = true, Seed = 11, RatePerHour = 100, DailyCurve = curve };
        const int Days = 100;

        // Act
        var calls = Calls(settings, Start.AddDays(Days));

        // Assert: per hour of the day, count / (days × hours) with six standard deviations of a Poisson count
        var byHour = calls.GroupBy(c => c.Start.UtcDateTime.Hour).ToDictionary(g => g.Key, g => g.Count());
        byHour.Keys.ShouldAllBe(h => h >= 8, "no call arrives in an hour of factor 0");
        var day = Enumerable.Range(8, 10).Sum(h => byHour.GetValueOrDefault(h));
        var evening = Enumerable.Range(18, 6).Sum(h => byHour.GetValueOrDefault(h));
        ((double)day / (Days * 10)).ShouldBe(100, 6 * Math.Sqrt(100.0 * Days * 10) / (Days * 10));
        ((double)evening / (Days * 6)).ShouldBe(50, 6 * Math.Sqrt(50.0 * Days * 6) / (Days * 6));
    }

    [Fact]
    public void The_same_seed_draws_the_same_calls_and_another_seed_other_ones()
    {
        var end = Start.AddHours(2);

        var first = Calls(new TrafficSettings { Seed = 5 }, end);
        var again = Calls(new TrafficSettings { Seed = 5 }, end);
        var other = Calls(new TrafficSettings { Seed = 6 }, end);

        again.Select(Describe).ShouldBe(first.Select(Describe));
        other.Select(Describe).ShouldNotBe(first.Select(Describe));
    }

    internal static List<PlannedCall> Calls(TrafficSettings settings, DateTimeOffset until)
    {
        var model = new TrafficModel(settings, new Random(settings.Seed));
        var calls = new List<PlannedCall>();
        for (var at = model.NextArrival(Start); at <= until; at = model.NextArrival(at))
        {
            calls.Add(model.Plan(at));
        }

        return calls;
    }

    private static string Describe(PlannedCall call) =>
        $"{call.Start:O} {call.Kind} " + string.Join(" | ", call.Legs.Select(l => $"{l.Call.CallingNumber}>{l.Call.CalledNumber} {l.Start:O}-{l.End:O}"));

    private static double Share(List<PlannedCall> calls, Func<PlannedCall, bool> which) => (double)calls.Count(which) / calls.Count;

    /// <summary>Six standard deviations of a share <paramref name="p"/> estimated from <paramref name="n"/> draws.</summary>
    private static double Tolerance(double p, double n) => 6 * Math.Sqrt(p * (1 - p) / n);
}
