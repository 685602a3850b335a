using System.Net;
using PauseResume.Simulator.Tests.Support;
using PauseResume.Simulator.Traffic;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Traffic;

/// <summary>Traffic settings whose calls could not be kept in bounded memory and time are refused: the peak rate, the calls in progress.</summary>
public sealed class TrafficBoundsTests
{
    [Fact]
    public async Task A_daily_curve_that_lifts_the_peak_rate_above_the_cap_is_a_400_that_says_why()
    {
        // Arrange: one factor so large that calls would come closer together than the clock's tick, without end
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var curve = string.Join(',', Enumerable.Repeat("0", 23).Prepend("1e12"));

        // Act
        using var refused = await Control.PutAsync(http, "/simulator/traffic", $$"""{"running":true,"ratePerHour":1000,"dailyCurve":[{{curve}}]}""");
        var text = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // Assert
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        text.ShouldContain($"the peak rate, ratePerHour times the dailyCurve's largest factor, must be at most {TrafficSettings.MaxRatePerHour:0}");
        recorder.Traffic.Status.Settings.Running.ShouldBeFalse("nothing changed");
    }

    [Theory]
    [InlineData("100000,dailyCurve=2/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1", "the peak rate")]
    [InlineData("100,mix=1e308/1e308/0", "mix: the shares are too large to add up")]
    [InlineData("100000,meanDurationSeconds=86400", "the peak rate times meanDurationSeconds over 3600 (the calls in progress on average) must be at most 10000, not 2400000")]
    public void Settings_the_model_cannot_run_are_refused_on_the_command_line_too(string text, string message) =>
        TrafficSettings.Parse(text).Error.ShouldNotBeNull().ShouldContain(message);

    /// <summary>
    /// GEN-3: a rate so small that every gap is drawn at its longest, with a curve that gives calls in one hour of the day
    /// only, still draws an arrival in that hour, from any hour of the clock (the longest gap was whole days, so every
    /// candidate kept the clock's hour, and one the curve gives no calls ran the clock past its end: a 500, half applied).
    /// </summary>
    [Fact]
    public void A_tiny_rate_with_a_curve_of_one_busy_hour_draws_an_arrival_in_that_hour_from_any_hour()
    {
        var curve = string.Join('/', Enumerable.Range(0, 24).Select(h => h == 13 ? "1" : "0"));
        var settings = TrafficSettings.Parse($"1e-12,seed=7,dailyCurve={curve}").Value.ShouldNotBeNull();
        var model = new TrafficModel(settings, new Random(7));
        for (var hour = 0; hour < 24; hour++)
        {
            var after = FakeRecorder.Epoch.Date + TimeSpan.FromHours(hour);

            var next = model.NextArrival(after);

            next.UtcDateTime.Hour.ShouldBe(13, $"from {after:HH:mm}");
            next.ShouldBeGreaterThan(after);
        }
    }

    [Fact]
    public void A_curve_whose_peak_stays_within_the_cap_is_accepted() =>
        TrafficSettings.Parse("50000,dailyCurve=2/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1").Error.ShouldBeNull();
}
