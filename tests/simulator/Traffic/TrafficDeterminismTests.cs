using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Traffic;

/// <summary>The same seed and the same control calls give the same world: the same couples and the same pause histories.</summary>
public sealed class TrafficDeterminismTests
{
    [Fact]
    public async Task The_same_seed_and_control_calls_give_the_same_calls_and_pause_histories()
    {
        // Act
        var first = await RunAsync(seed: 42);
        var second = await RunAsync(seed: 42);
        var other = await RunAsync(seed: 43);

        // Assert (compared as whole strings: a diff of two long worlds would say less and take long)
        first.ShouldContain("pausedBy", Case.Sensitive, "the run paused couples, so their histories are compared too");
        first.Length.ShouldBeGreaterThan(100_000, "hundreds of couples");
        (second == first).ShouldBeTrue("the same seed and control calls give the same couples and pause histories");
        (other == first).ShouldBeFalse("another seed gives other calls");
    }

    /// <summary>One script of control calls and legacy pauses, all through HTTP; returns every couple with its history, as JSON.</summary>
    private static async Task<string> RunAsync(int seed)
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(TestWorlds.Small()).WithSessionIds(SessionIds.PredictableForTests(seed: 1)).StartAsync(cancel);
        var http = recorder.CreateClient();
        var control = recorder.CreateControlClient();
        var admin = await LegacyClient.LoggedInAsync(http, "admin", "secret");
        await Send(http, HttpMethod.Put, "/simulator/traffic", $$"""{"running":true,"seed":{{seed}},"ratePerHour":400,"transferShare":0.2,"conferenceShare":0.1}""");
        for (var round = 0; round < 6; round++)
        {
            await Send(http, HttpMethod.Post, "/simulator/clock/advance", """{"seconds":600}""");
            var inProgress = await control.ListCallsAsync(cancellationToken: cancel);
            foreach (var couple in inProgress.Where((_, i) => i % 3 == round % 3).Take(4))
            {
                (await admin.PauseAsync(couple.CoupleId)).EnsureSuccessStatusCode();
            }

            await Send(http, HttpMethod.Post, "/simulator/clock/advance", """{"seconds":45.5}""");
            foreach (var couple in inProgress.Take(2))
            {
                await admin.ResumeAsync(couple.CoupleId); // a couple that has ended meanwhile answers 404: part of the world too
            }

            if (round == 3)
            {
                await Send(http, HttpMethod.Put, "/simulator/traffic", """{"ratePerHour":150,"mix":{"internal":1}}""");
            }
        }

        await http.DeleteAsync("/simulator/traffic", cancel);
        await Send(http, HttpMethod.Post, "/simulator/clock/advance", """{"seconds":1200}""");
        return await http.GetStringAsync("/simulator/calls?ended=true", cancel);
    }

    private static async Task Send(HttpClient http, HttpMethod method, string path, string json)
    {
        using var response = await http.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
