using System.Net;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Audit;

public sealed class ClientAuditSessionTests
{
    [Fact]
    public async Task The_documented_procedure_done_right_gives_a_clean_audit()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());

        (await client.LogInAsync("admin", "secret")).ShouldBeTrue("SES-1");
        (await client.SetPausedAsync("10012", paused: true)).ShouldBe(1, "PSE-1");
        (await client.SetPausedAsync("10012", paused: false)).ShouldBe(1, "PSE-1");
        await client.LogOutAsync();

        var report = recorder.Audit.Report();
        report.IsClean.ShouldBeTrue(report.ToString());
        report.RequestsSeen.ShouldBe(9, "login, check, then list, details and pausedState twice, logout: every request is audited");
    }

    [Fact]
    public async Task SES_2_A_login_without_any_cookie_is_reported_with_its_request()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient()) { SendDummyCookie = false };

        await client.LoginAsync("admin", "secret");

        var finding = recorder.Audit.Report().Findings.ShouldHaveSingleItem();
        finding.Name.ShouldBe("login-without-cookie", "SES-2");
        finding.Rule.ShouldBe("SES-2");
        finding.Requests.Select(r => r.ToString()).ShouldBe(["POST /callrec/loginAction.do → 200"], "SES-2");
    }

    [Fact]
    public async Task SES_2_A_login_with_any_cookie_is_not_reported()
    {
        using var recorder = FakeRecorder.Start(Small());
        var client = new LegacyClient(recorder.CreateClient()) { SendDummyCookie = true };

        await client.LoginAsync("admin", "secret");
        var check = await client.ListAsync("phoneNumber=no-such-number");
        await client.LogoutAsync();

        check.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-2: the dummy cookie made the login count");
        var report = recorder.Audit.Report();
        report.IsClean.ShouldBeTrue(report.ToString());
    }

    [Fact]
    public async Task SES_3_An_action_right_after_a_login_that_was_ignored_is_reported_with_both_requests()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());

        await client.LoginAsync("admin", "wrong");
        await client.PauseAsync(AgentsCouple);

        var finding = recorder.Audit.Report().Findings.Single(f => f.Name == "unchecked-login");
        finding.Rule.ShouldBe("SES-3");
        finding.Requests.Select(r => r.ToString()).ShouldBe(
            ["POST /callrec/loginAction.do → 200", $"POST /callrec/restful/couples.xml/{AgentsCouple}/pausedState → 403"], "SES-3");
    }

    [Fact]
    public async Task SES_3_A_login_that_was_ignored_and_checked_by_a_list_is_not_reported()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());

        var loggedIn = await client.LogInAsync("admin", "wrong");

        loggedIn.ShouldBeFalse("SES-3");
        recorder.Audit.Report().Findings.ShouldBeEmpty("SES-3: the client checked the login before acting");
    }

    [Fact]
    public async Task SES_5_A_session_never_logged_out_is_reported_with_its_login()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());

        await client.LogInAsync("agent", "agent-pw");

        var finding = recorder.Audit.Report().Findings.ShouldHaveSingleItem();
        finding.Name.ShouldBe("never-logged-out", "SES-5");
        finding.Rule.ShouldBe("SES-5");
        finding.Login.ShouldBe("agent");
        finding.Session.ShouldBe("session 1");
        finding.Requests.Select(r => r.ToString()).ShouldBe(["POST /callrec/loginAction.do → 200"], "SES-5");
    }

    [Fact]
    public async Task SES_6_A_session_the_recorder_said_had_expired_needs_no_logout_and_is_not_reported()
    {
        using var recorder = FakeRecorder.Start(Small());
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("agent", "agent-pw");
        await client.SetPausedAsync("10012", paused: true);
        await client.SetPausedAsync("10012", paused: false);
        recorder.Advance(TimeSpan.FromMinutes(31));

        var expired = await client.Legacy.ListAsync("phoneNumber=10012");

        expired.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-6");
        var report = recorder.Audit.Report();
        report.IsClean.ShouldBeTrue(report.ToString());
    }
}
