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
    public async Task LST_2_Requests_that_keep_coming_after_a_not_logged_in_403_are_reported()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());
        await client.LoginAsync("admin", "wrong");

        await client.ListAsync();
        await client.ListAsync("phoneNumber=10012");

        var finding = recorder.Audit.Report().Findings.ShouldHaveSingleItem();
        finding.Name.ShouldBe("requests-after-403", "LST-2");
        finding.Rule.ShouldBe("LST-2");
        finding.Requests.Select(r => r.ToString()).ShouldBe(
            ["GET /callrec/restful/couples.xml → 403", "GET /callrec/restful/couples.xml?phoneNumber=10012 → 403"], "LST-2");
    }

    [Fact]
    public async Task SES_6_A_list_that_checks_the_session_after_a_refused_pause_is_not_reported_but_a_second_pause_is()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var checking = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        var insisting = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        recorder.Advance(TimeSpan.FromMinutes(31));

        await checking.PauseAsync(AgentsCouple);
        await checking.ListAsync();
        await checking.LoginAsync("admin", "secret");
        await insisting.PauseAsync(AgentsCouple);
        await insisting.PauseAsync(AgentsCouple);

        var finding = recorder.Audit.Report().Findings.Where(f => f.Name == "requests-after-403").ShouldHaveSingleItem();
        (finding.Rule, finding.Session).ShouldBe(("SES-6", "session 2"), "only the client that kept acting on a session that is not logged in");
        finding.Requests.Select(r => r.ToString()).ShouldBe(
            [$"POST /callrec/restful/couples.xml/{AgentsCouple}/pausedState → 403", $"POST /callrec/restful/couples.xml/{AgentsCouple}/pausedState → 403"], "SES-6");
    }

    [Fact]
    public async Task SES_6_A_client_that_logs_in_again_after_its_session_expired_is_not_reported()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");
        await client.SetPausedAsync("10012", paused: true);
        recorder.Advance(TimeSpan.FromMinutes(31));

        var expired = await client.Legacy.ListAsync();
        await client.LogInAsync("admin", "secret");
        await client.SetPausedAsync("10012", paused: false);
        await client.LogOutAsync();

        expired.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-6");
        var report = recorder.Audit.Report();
        report.IsClean.ShouldBeTrue(report.ToString());
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
}
