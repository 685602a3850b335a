using System.Net;
using PauseResume.Simulator.Audit;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Audit;

public sealed class ClientAuditAssertionTests
{
    [Fact]
    public async Task ShouldBeClean_fails_with_the_audits_text_naming_rule_login_session_and_requests()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("agent", "agent-pw");

        var failure = Should.Throw<ClientAuditException>(() => recorder.Audit.ShouldBeClean());

        failure.Message.ShouldContain("Client audit: 1 finding(s) in 2 request(s)");
        failure.Message.ShouldContain("agent:");
        failure.Message.ShouldContain("SES-5 never-logged-out in session 1 (agent)");
        failure.Message.ShouldContain("POST /callrec/loginAction.do → 200");
    }

    [Fact]
    public async Task ShouldBeClean_passes_when_every_finding_is_allowed_by_name_or_by_rule()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("agent", "agent-pw");
        await client.Legacy.DetailsAsync(AgentsCouple);

        recorder.Audit.ShouldBeClean("never-logged-out", "LST-5");
        Should.Throw<ClientAuditException>(() => recorder.Audit.ShouldBeClean("never-logged-out")).Message.ShouldContain("LST-5 unlinked-details");
    }

    [Fact]
    public async Task GET_simulator_audit_shows_the_findings_as_JSON_and_a_reset_clears_them()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var client = new LegacyClient(http) { SendDummyCookie = false };
        await client.LoginAsync("admin", "secret");

        var audit = await Control.GetAsync(http, "/simulator/audit");
        (await http.PostAsync("/simulator/reset", null, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var afterReset = await Control.GetAsync(http, "/simulator/audit");

        audit.GetProperty("clean").GetBoolean().ShouldBeFalse();
        var finding = audit.GetProperty("findings").EnumerateArray().ShouldHaveSingleItem();
        finding.GetProperty("name").GetString().ShouldBe("login-without-cookie");
        finding.GetProperty("rule").GetString().ShouldBe("SES-2");
        var request = finding.GetProperty("requests").EnumerateArray().ShouldHaveSingleItem();
        (request.GetProperty("method").GetString(), request.GetProperty("path").GetString(), request.GetProperty("status").GetInt32())
            .ShouldBe(("POST", "/callrec/loginAction.do", 200));
        audit.GetProperty("text").GetString()!.ShouldContain("SES-2 login-without-cookie");
        afterReset.GetProperty("clean").GetBoolean().ShouldBeTrue("a reset ends every session the audit followed");
    }
}
