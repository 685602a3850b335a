using System.Net;
using System.Text.Json;
using PauseResume.Simulator.Tests.Support;
using PauseResume.Simulator.Traffic;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Traffic;

/// <summary>GET, PUT and DELETE /simulator/traffic, and traffic in a world file.</summary>
public sealed class TrafficApiTests
{
    [Fact]
    public async Task Traffic_is_off_until_started_and_its_settings_are_shown_with_what_it_did()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var off = await Control.GetAsync(http, "/simulator/traffic");

        // Act
        using var started = await Send(http, HttpMethod.Put, """{"running":true,"seed":9,"ratePerHour":600,"mix":{"incoming":3,"outgoing":1}}""");
        await Control.PostAsync(http, "/simulator/clock/advance", """{"seconds":3600}""");
        var after = await Control.GetAsync(http, "/simulator/traffic");

        // Assert
        off.GetProperty("running").GetBoolean().ShouldBeFalse();
        off.GetProperty("started").GetInt64().ShouldBe(0);
        started.StatusCode.ShouldBe(HttpStatusCode.OK);
        after.GetProperty("running").GetBoolean().ShouldBeTrue();
        after.GetProperty("seed").GetInt32().ShouldBe(9);
        after.GetProperty("ratePerHour").GetDouble().ShouldBe(600);
        after.GetProperty("meanDurationSeconds").GetDouble().ShouldBe(TrafficSettings.Default.MeanDurationSeconds, "a setting not given is kept");
        after.GetProperty("mix").GetProperty("incoming").GetDouble().ShouldBe(0.75, "the mix is shown as shares");
        after.GetProperty("mix").GetProperty("internal").GetDouble().ShouldBe(0, "a share not given is 0");
        after.GetProperty("started").GetInt64().ShouldBeGreaterThan(400);
        after.GetProperty("ended").GetInt64().ShouldBeGreaterThan(300);
        recorder.Recorder.Couples(includeEnded: true).Count.ShouldBe(Small().Calls.Count + (int)after.GetProperty("started").GetInt64());
    }

    [Fact]
    public async Task Stopped_traffic_starts_no_new_call_and_its_calls_under_way_end_at_their_time()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        await Send(http, HttpMethod.Put, """{"running":true,"ratePerHour":600,"transferShare":0.5,"conferenceShare":0.5}""");
        recorder.Advance(TimeSpan.FromMinutes(30));
        var stoppedAt = recorder.Time.GetUtcNow();
        var inProgress = recorder.Recorder.Couples().Count;

        // Act
        using var stopped = await http.DeleteAsync("/simulator/traffic", TestContext.Current.CancellationToken);
        recorder.Advance(TimeSpan.FromDays(1));

        // Assert
        stopped.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        inProgress.ShouldBeGreaterThan(0);
        var all = recorder.Recorder.Couples(includeEnded: true);
        var callsBefore = all.Where(c => c.Couple.Start <= stoppedAt).Select(c => c.Couple.CallId).ToHashSet();
        all.Where(c => c.Couple.Start > stoppedAt).ShouldAllBe(c => callsBefore.Contains(c.Couple.CallId), "only legs of calls under way join after the stop");
        recorder.Recorder.Couples().Count.ShouldBe(Small().Calls.Count, "every call under way ended at its scheduled time; only the world's own couples stay");
        (await Control.GetAsync(http, "/simulator/traffic")).GetProperty("running").GetBoolean().ShouldBeFalse();
    }

    [Theory]
    [InlineData("""{"ratePerHour":0}""", "ratePerHour must be above 0")]
    [InlineData("""{"ratePerHour":-5}""", "ratePerHour must be above 0")]
    [InlineData("""{"ratePerHour":1e9}""", "at most 100000")]
    [InlineData("""{"meanDurationSeconds":5}""", "meanDurationSeconds must be from 10")]
    [InlineData("""{"durationSpread":-0.1}""", "durationSpread")]
    [InlineData("""{"agents":1}""", "agents must be from 2")]
    [InlineData("""{"agents":100000}""", "agents must be from 2 to 10000")]
    [InlineData("""{"mix":{"incoming":0,"outgoing":0,"internal":0}}""", "at least one share must be above 0")]
    [InlineData("""{"mix":{"incoming":-1,"outgoing":2}}""", "each share must be a number of at least 0")]
    [InlineData("""{"mix":{"inbound":1}}""", "inbound")]
    [InlineData("""{"transferShare":1.5}""", "transferShare must be from 0 to 1")]
    [InlineData("""{"transferShare":0.7,"conferenceShare":0.5}""", "together must be at most 1")]
    [InlineData("""{"dailyCurve":[1,2,3]}""", "dailyCurve must be 24 factors (hour 0 to 23, UTC) of at least 0, not all 0; it has 3")]
    [InlineData("""{"dailyCurve":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,-0.5]}""", "; hour 23's is -0.5")]
    [InlineData("""{"dailyCurve":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}""", "; every factor is 0")]
    [InlineData("""{"running":"yes"}""", "running")]
    [InlineData("""{"seed":1.5}""", "seed")]
    [InlineData("""{"speed":3}""", "speed")]
    [InlineData("""fast""", "not valid JSON")]
    public async Task Bad_traffic_settings_are_400_with_a_message_and_change_nothing(string body, string message)
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        // Act
        using var response = await Send(recorder.CreateClient(), HttpMethod.Put, body);

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain(message);
        recorder.Traffic.Status.Settings.ShouldBe(TrafficSettings.Default);
    }

    [Fact]
    public async Task A_world_file_starts_traffic_on_reset_and_an_empty_reset_starts_the_start_worlds_again()
    {
        // Arrange
        await using var recorder = await FakeRecorder.CreateBuilder().WithTraffic(new TrafficSettings { Running = true, Seed = 4 })
            .StartAsync(TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();

        // Act
        using var reset = await Control.PostAsync(http, "/simulator/reset", """{"traffic":{"ratePerHour":60,"seed":12}}""");
        var fromFile = recorder.Traffic.Status.Settings;
        using var bad = await Control.PostAsync(http, "/simulator/reset", """{"traffic":{"agents":1}}""");
        using var back = await Control.PostAsync(http, "/simulator/reset", string.Empty);

        // Assert
        reset.StatusCode.ShouldBe(HttpStatusCode.OK);
        fromFile.ShouldBe(TrafficSettings.Default with { Running = true, Seed = 12, RatePerHour = 60 }, "a world's traffic runs unless it says running: false");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("traffic: agents must be from 2");
        recorder.Traffic.Status.Settings.ShouldBe(new TrafficSettings { Running = true, Seed = 4 });
    }

    [Fact]
    public async Task A_reset_to_a_world_with_traffic_plays_the_same_calls_again()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        const string World = """{"traffic":{"seed":5,"ratePerHour":600,"transferShare":0.3}}""";

        // Act
        var first = await PlayHalfAnHourAsync();
        var second = await PlayHalfAnHourAsync();

        // Assert
        first.Count.ShouldBeGreaterThan(200);
        second.ShouldBe(first, "the same world's traffic from its seed, half an hour later on the clock");

        async Task<List<string>> PlayHalfAnHourAsync()
        {
            using var reset = await Control.PostAsync(http, "/simulator/reset", World);
            reset.EnsureSuccessStatusCode();
            var from = recorder.Time.GetUtcNow();
            recorder.Advance(TimeSpan.FromMinutes(30));
            return [.. recorder.Recorder.Couples(includeEnded: true).Select(c => $"{c.Couple.Id} {c.Couple.CallId} {(c.Couple.Start - from).Ticks} {c.Couple.CallingNumber}>{c.Couple.CalledNumber} {(c.EndedAt - from)?.Ticks}")];
        }
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string json) =>
        http.SendAsync(new HttpRequestMessage(method, "/simulator/traffic") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") }, TestContext.Current.CancellationToken);
}
