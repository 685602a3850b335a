using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Audit;

public sealed class ClientAuditLoginHabitTests
{
    [Fact]
    public async Task SES_4_Logging_in_before_every_action_is_reported_as_a_loop_with_the_logins_behind_it()
    {
        using var recorder = FakeRecorder.Start(Small());
        var client = new CarefulClient(recorder.CreateClient());

        await client.LogInAsync("admin", "secret");
        await client.SetPausedAsync("10012", paused: true);
        await client.LogInAsync("admin", "secret");
        await client.SetPausedAsync("10012", paused: false);
        await client.LogInAsync("admin", "secret");
        await client.Legacy.ListAsync("phoneNumber=10031");
        await client.LogOutAsync();

        var finding = recorder.Audit.Report().Findings.ShouldHaveSingleItem();
        (finding.Name, finding.Rule, finding.Session, finding.Login).ShouldBe(("relogin-loop", "SES-4", "session 1", "admin"));
        finding.Requests.Select(r => r.ToString()).ShouldBe(["POST /callrec/loginAction.do → 200", "POST /callrec/loginAction.do → 200"], "SES-4: the two logins on a live session");
    }

    [Fact]
    public async Task SES_4_Logging_in_once_for_every_action_is_not_reported()
    {
        using var recorder = FakeRecorder.Start(Small());
        var client = new CarefulClient(recorder.CreateClient());

        await client.LogInAsync("admin", "secret");
        await client.SetPausedAsync("10012", paused: true);
        await client.SetPausedAsync("10012", paused: false);
        await client.Legacy.ListAsync("phoneNumber=10031");
        await client.LogOutAsync();

        var report = recorder.Audit.Report();
        report.IsClean.ShouldBeTrue(report.ToString());
    }

    [Fact]
    public async Task SES_6_Logging_in_again_each_time_the_session_has_expired_is_no_loop()
    {
        using var recorder = FakeRecorder.Start(Small());
        var client = new CarefulClient(recorder.CreateClient());

        await client.LogInAsync("admin", "secret");
        for (var i = 0; i < 3; i++)
        {
            recorder.Advance(TimeSpan.FromMinutes(31));
            await client.LogInAsync("admin", "secret");
        }

        await client.LogOutAsync();

        var report = recorder.Audit.Report();
        report.IsClean.ShouldBeTrue(report.ToString());
    }

    [Fact]
    public async Task SES_4_Two_logins_racing_from_one_expired_session_are_reported_with_both()
    {
        using var recorder = FakeRecorder.Start(Small());
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        var otherThread = new LegacyClient(recorder.CreateClient()) { SessionId = client.SessionId };
        recorder.Advance(TimeSpan.FromMinutes(31));

        await client.LoginAsync("admin", "secret");
        await otherThread.LoginAsync("admin", "secret"); // sent before the first login's answer came back
        await client.ListAsync();
        await client.LogoutAsync();

        otherThread.SessionId.ShouldNotBe(client.SessionId, "SES-4: each login got its own fresh session");
        recorder.Recorder.SessionCount.ShouldBe(1, "SES-4: the session the client did not keep is still there");
        var finding = recorder.Audit.Report().Findings.ShouldHaveSingleItem();
        (finding.Name, finding.Rule).ShouldBe(("racing-logins", "SES-4"));
        finding.Requests.Select(r => r.ToString()).ShouldBe(["POST /callrec/loginAction.do → 200", "POST /callrec/loginAction.do → 200"], "SES-4");
    }

    [Fact]
    public async Task SES_4_A_second_thread_that_waits_for_the_one_login_and_takes_its_session_is_not_reported()
    {
        using var recorder = FakeRecorder.Start(Small());
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        var otherThread = new LegacyClient(recorder.CreateClient()) { SessionId = client.SessionId };
        recorder.Advance(TimeSpan.FromMinutes(31));

        await client.LoginAsync("admin", "secret");
        await client.ListAsync("phoneNumber=no-such-number");
        otherThread.SessionId = client.SessionId;
        await otherThread.ListAsync("phoneNumber=10031");
        await client.LogoutAsync();

        recorder.Recorder.SessionCount.ShouldBe(0, "SES-5");
        var report = recorder.Audit.Report();
        report.IsClean.ShouldBeTrue(report.ToString());
    }
}
