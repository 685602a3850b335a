using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Audit;

public sealed class ClientAuditLinkTests
{
    [Fact]
    public async Task LST_5_Details_of_a_couple_this_session_was_never_shown_a_link_to_are_reported()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");

        await client.Legacy.DetailsAsync(AgentsCouple);
        await client.LogOutAsync();

        var finding = recorder.Audit.Report().Findings.ShouldHaveSingleItem();
        finding.Name.ShouldBe("unlinked-details", "LST-5");
        finding.Rule.ShouldBe("LST-5");
        finding.Requests.Select(r => r.ToString()).ShouldBe([$"GET /callrec/restful/couples.xml/{AgentsCouple} → 200"], "LST-5");
    }

    [Fact]
    public async Task DET_2_A_pausedState_path_built_by_hand_is_reported_even_when_the_couple_was_listed()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");
        await client.Legacy.ListAsync("phoneNumber=10012");

        await client.Legacy.PauseAsync(AgentsCouple);
        await client.Legacy.ResumeAsync(AgentsCouple);
        await client.LogOutAsync();

        var findings = recorder.Audit.Report().Findings;
        findings.Select(f => (f.Name, f.Rule)).ShouldBe([("unlinked-pausedState", "DET-2"), ("unlinked-pausedState", "DET-2")]);
        findings[0].Requests.Select(r => r.ToString()).ShouldBe([$"POST /callrec/restful/couples.xml/{AgentsCouple}/pausedState → 204"], "DET-2");
    }

    [Fact]
    public async Task LST_5_A_link_shown_before_a_re_login_still_counts_for_the_same_client()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");
        var listed = await Documents.ListAsync(await client.Legacy.ListAsync("phoneNumber=10012"));

        await client.LogInAsync("admin", "secret");
        await client.Legacy.SendAsync(HttpMethod.Get, listed.Single().SelfHref!);
        await client.LogOutAsync();

        var report = recorder.Audit.Report();
        report.IsClean.ShouldBeTrue(report.ToString());
    }
}
