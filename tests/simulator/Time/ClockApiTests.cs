using System.Net;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Tests.Support;
using PauseResume.Simulator.Time;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Time;

/// <summary>GET, PUT /simulator/clock and POST /simulator/clock/advance, and what follows the clock (SES-6).</summary>
public sealed class ClockApiTests
{
    [Fact]
    public async Task A_fake_recorders_clock_is_manual_at_the_epoch_and_advances_through_the_control_API()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var before = await Control.GetAsync(http, "/simulator/clock");

        // Act
        using var advanced = await Control.PostAsync(http, "/simulator/clock/advance", """{"seconds":300.5}""");

        // Assert
        before.GetProperty("mode").GetString().ShouldBe("manual");
        before.GetProperty("scale").GetDouble().ShouldBe(0, "a manual clock does not move on its own");
        before.GetProperty("now").GetDateTimeOffset().ShouldBe(FakeRecorder.Epoch);
        advanced.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Control.JsonAsync(advanced))["now"]!.GetValue<DateTimeOffset>().ShouldBe(FakeRecorder.Epoch.AddSeconds(300.5));
        recorder.Time.GetUtcNow().ShouldBe(FakeRecorder.Epoch.AddSeconds(300.5));
    }

    [Fact]
    public async Task The_mode_is_switched_and_a_clock_that_is_not_manual_is_not_advanced()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();

        // Act
        using var scaled = await Send(http, HttpMethod.Put, "/simulator/clock", """{"mode":"scaled","scale":60}""");
        using var refused = await Control.PostAsync(http, "/simulator/clock/advance", """{"seconds":1}""");
        using var manual = await Send(http, HttpMethod.Put, "/simulator/clock", """{"mode":"manual"}""");

        // Assert
        scaled.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await Control.JsonAsync(scaled);
        shown["mode"]!.GetValue<string>().ShouldBe("scaled");
        shown["scale"]!.GetValue<double>().ShouldBe(60);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("only a manual clock is advanced");
        (await Control.JsonAsync(manual))["mode"]!.GetValue<string>().ShouldBe("manual");
        recorder.Clock.Setting.ShouldBe(ClockSetting.Manual);
    }

    [Theory]
    [InlineData("PUT", "/simulator/clock", """{"mode":"fast"}""", "mode must be real, scaled or manual")]
    [InlineData("PUT", "/simulator/clock", """{"mode":"scaled"}""", "mode scaled needs a scale")]
    [InlineData("PUT", "/simulator/clock", """{"mode":"scaled","scale":0}""", "scale must be a number from 0.01 to 100000")]
    [InlineData("PUT", "/simulator/clock", """{"mode":"scaled","scale":-3}""", "scale must be a number from 0.01 to 100000")]
    [InlineData("PUT", "/simulator/clock", """{"mode":"scaled","scale":1e-300}""", "scale must be a number from 0.01 to 100000 (a clock that stands still is mode manual), not 1E-300")]
    [InlineData("PUT", "/simulator/clock", """{"mode":"scaled","scale":0.0099}""", "scale must be a number from 0.01 to 100000")]
    [InlineData("PUT", "/simulator/clock", """{"mode":"scaled","scale":1e9}""", "to 100000")]
    [InlineData("PUT", "/simulator/clock", """{"mode":"real","scale":2}""", "scale is for mode scaled only")]
    [InlineData("PUT", "/simulator/clock", """{}""", "mode must be real, scaled or manual")]
    [InlineData("PUT", "/simulator/clock", """{"mode":"manual","speed":2}""", "speed")]
    [InlineData("PUT", "/simulator/clock", """manual""", "not valid JSON")]
    [InlineData("POST", "/simulator/clock/advance", """{}""", "seconds: required")]
    [InlineData("POST", "/simulator/clock/advance", """{"seconds":0}""", "seconds must be above 0")]
    [InlineData("POST", "/simulator/clock/advance", """{"seconds":-60}""", "seconds must be above 0")]
    [InlineData("POST", "/simulator/clock/advance", """{"seconds":1e12}""", "at most 604800")]
    [InlineData("POST", "/simulator/clock/advance", """{"seconds":"ten"}""", "seconds")]
    [InlineData("POST", "/simulator/clock/advance", """{"minutes":5}""", "minutes")]
    public async Task Bad_input_to_the_clock_is_400_with_a_message_and_changes_nothing(string method, string path, string body, string message)
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        // Act
        using var response = await Send(recorder.CreateClient(), new HttpMethod(method), path, body);

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain(message);
        recorder.Clock.Setting.ShouldBe(ClockSetting.Manual);
        recorder.Time.GetUtcNow().ShouldBe(FakeRecorder.Epoch);
    }

    [Fact]
    public async Task SES_6_A_session_expires_when_the_manual_clock_is_advanced_through_the_control_API()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var client = await LegacyClient.LoggedInAsync(http, "admin", "secret");

        // Act
        using var almost = await Control.PostAsync(http, "/simulator/clock/advance", """{"seconds":1799}""");
        var stillIn = await client.ListAsync(); // a request: the 30 minutes start again
        using var past = await Control.PostAsync(http, "/simulator/clock/advance", """{"seconds":1801}""");
        var expired = await client.ListAsync();

        // Assert
        stillIn.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-6: idle for less than the timeout");
        expired.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-6");
        (await expired.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("(SES-6)");
        recorder.Recorder.SessionCount.ShouldBe(0, "SES-6: swept on the clock as it passed");
    }

    [Fact]
    public async Task SES_6_A_session_expires_in_scaled_time()
    {
        // Arrange: x60 over the fake host clock, so 31 host seconds are 31 simulated minutes
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(Small()).WithClock(new ClockSetting(ClockMode.Scaled, 60))
            .StartAsync(TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        // Act
        recorder.Advance(TimeSpan.FromSeconds(29));
        var stillIn = await client.ListAsync();
        recorder.Advance(TimeSpan.FromSeconds(31));
        var swept = recorder.Recorder.SessionCount;
        var expired = await client.ListAsync();

        // Assert
        stillIn.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-6: 29 simulated minutes idle");
        swept.ShouldBe(0, "SES-6: the sweeper runs on the scaled clock");
        expired.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-6: 31 simulated minutes idle");
        recorder.Time.GetUtcNow().ShouldBe(FakeRecorder.Epoch.AddHours(1));
    }

    [Fact]
    public async Task A_world_file_sets_the_clock_on_reset_and_a_world_without_one_leaves_it()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();

        // Act
        using var scaled = await Control.PostAsync(http, "/simulator/reset", """{"clock":{"mode":"scaled","scale":30}}""");
        var afterScaled = recorder.Clock.Setting;
        using var plain = await Control.PostAsync(http, "/simulator/reset", """{"users":[]}""");
        var afterPlain = recorder.Clock.Setting;
        using var bad = await Control.PostAsync(http, "/simulator/reset", """{"clock":{"mode":"warp"}}""");

        // Assert
        scaled.StatusCode.ShouldBe(HttpStatusCode.OK);
        afterScaled.ShouldBe(new ClockSetting(ClockMode.Scaled, 30));
        afterPlain.ShouldBe(afterScaled);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("clock: mode must be real, scaled or manual");
        recorder.Recorder.Users().ShouldBeEmpty("the refused reset changed nothing after the one before");
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string json) =>
        http.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") }, TestContext.Current.CancellationToken);
}
