using System.Net;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Audit;

public sealed class ClientAuditRefusalTests
{
    [Fact]
    public async Task LST_2_Requests_that_keep_coming_after_a_not_logged_in_403_are_reported()
    {
        using var recorder = FakeRecorder.Start(Small());
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
        using var recorder = FakeRecorder.Start(Small());
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
        using var recorder = FakeRecorder.Start(Small());
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
    public async Task SES_6_Requests_in_flight_when_the_session_expired_are_not_reported_when_the_client_logs_in_again()
    {
        using var recorder = FakeRecorder.Start(Small());
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");
        var expired = client.Legacy.SessionId;
        recorder.Advance(TimeSpan.FromMinutes(31));
        var straggler = new LegacyClient(recorder.CreateClient()) { SessionId = expired }; // a second thread of the same client

        await client.Legacy.ListAsync("phoneNumber=10012");
        await straggler.ListAsync("phoneNumber=10031");
        await client.LogInAsync("admin", "secret");
        await straggler.ListAsync("phoneNumber=10015"); // built before the new session came back
        await straggler.ListAsync("phoneNumber=5551234");
        await client.SetPausedAsync("10012", paused: true);
        await client.SetPausedAsync("10012", paused: false);
        await client.LogOutAsync();

        straggler.SessionId.ShouldBe(expired, "the straggler never took a new session");
        var report = recorder.Audit.Report();
        report.IsClean.ShouldBeTrue(report.ToString());
    }

    [Fact]
    public async Task SES_6_A_client_that_ignores_the_403_and_logs_out_at_the_end_is_reported()
    {
        using var recorder = FakeRecorder.Start(Small());
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");
        recorder.Advance(TimeSpan.FromMinutes(31));

        await client.Legacy.PauseAsync(AgentsCouple);
        await client.Legacy.ListAsync();
        await client.Legacy.ResumeAsync(AgentsCouple);
        await client.LogOutAsync();

        var finding = recorder.Audit.Report().Findings.Where(f => f.Name == "requests-after-403").ShouldHaveSingleItem();
        finding.Rule.ShouldBe("LST-2", "the rule of the check's 403, which the client went on after");
        finding.Requests.Select(r => r.ToString()).ShouldBe(
            ["GET /callrec/restful/couples.xml → 403", $"PUT /callrec/restful/couples.xml/{AgentsCouple}/pausedState → 403"],
            "SES-6: the check said the session is gone, and the client went on without a login");
    }

    [Fact]
    public async Task PSE_4_A_403_for_a_missing_right_is_no_lost_session_and_what_follows_it_is_not_reported()
    {
        using var recorder = FakeRecorder.Start(Small());
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("agent", "agent-pw");
        var listed = (await Documents.ListAsync(await client.Legacy.ListAsync("phoneNumber=10012"))).Single();
        recorder.Recorder.PutUser(Agent with { Permissions = PauseResume.Simulator.Domain.Permissions.CallList });

        var refused = await client.Legacy.PauseAsync(listed.Id);
        await client.Legacy.ListAsync("phoneNumber=10031");
        await client.LogOutAsync();

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "PSE-4: the agent lost Pause and Resume Calls");
        var report = recorder.Audit.Report();
        report.IsClean.ShouldBeTrue(report.ToString());
    }
}
