using System.Net;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Hosting;

/// <summary>Idle sessions are ended on the simulator's clock, not only when their id comes back (SES-6).</summary>
public sealed class SessionSweeperTests
{
    [Fact]
    public async Task SES_6_A_flood_of_sessions_drops_to_zero_after_the_idle_timeout_and_no_id_comes_back()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(RecorderProfile.Default.With("sessionIdleTimeout", "00:00:03").Profile!), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var flood = new List<string>();
        for (var i = 0; i < 2_000; i++)
        {
            flood.Add(recorder.Recorder.Login("admin", "secret", true, null).SessionId);
        }

        var before = recorder.Recorder.SessionCount;
        recorder.Advance(TimeSpan.FromSeconds(60)); // 60 s of quiet: nobody comes back
        var after = recorder.Recorder.SessionCount;
        var later = new List<string>();
        for (var i = 0; i < 2_000; i++)
        {
            later.Add(recorder.Recorder.Login("admin", "secret", true, null).SessionId);
        }

        before.ShouldBe(2_000);
        after.ShouldBe(0, "SES-6: idle sessions are swept on the simulator's clock");
        later.Intersect(flood).ShouldBeEmpty("SES-4: a swept session's id is never handed out again");
        var stale = new LegacyClient(http) { SessionId = flood[^1] };
        (await stale.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task SES_6_A_swept_session_still_answers_that_it_expired()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        recorder.Advance(TimeSpan.FromMinutes(31));
        var swept = recorder.Recorder.SessionCount;
        var expired = await client.ListAsync();

        swept.ShouldBe(0, "SES-6: swept while idle");
        expired.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-6");
        (await expired.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("(SES-6)", Case.Sensitive, "the integrator is told why");
    }

    [Fact]
    public async Task SES_6_A_session_in_use_is_not_swept()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(RecorderProfile.Default.With("sessionIdleTimeout", "00:00:01").Profile!), TestContext.Current.CancellationToken);
        var id = recorder.Recorder.Login("admin", "secret", true, null).SessionId;

        for (var i = 0; i < 10; i++)
        {
            recorder.Advance(TimeSpan.FromMilliseconds(900));
            recorder.Recorder.List(id, CoupleFilter.None).Access.ShouldBe(Access.Granted, $"SES-6: in use at {i}");
        }

        recorder.Recorder.SessionCount.ShouldBe(1);
    }
}
