using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Audit;

public sealed class ClientAuditPauseTests
{
    [Fact]
    public async Task PSE_1_A_couple_whose_call_ended_while_paused_is_reported_with_the_pause()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("agent", "agent-pw");
        await client.SetPausedAsync("10012", paused: true);
        await client.LogOutAsync();

        recorder.Recorder.EndCall(AgentsCouple);

        var finding = recorder.Audit.Report().Findings.ShouldHaveSingleItem();
        (finding.Name, finding.Rule, finding.Login, finding.Session).ShouldBe(("left-paused", "PSE-1", "agent", "session 1"));
        finding.Requests.Select(r => r.ToString()).ShouldBe([$"POST /callrec/restful/couples.xml/{AgentsCouple}/pausedState → 204"], "PSE-1");
    }

    [Fact]
    public async Task PSE_1_A_couple_resumed_before_its_call_ended_is_not_reported()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("agent", "agent-pw");
        await client.SetPausedAsync("10012", paused: true);
        await client.SetPausedAsync("10012", paused: false);
        await client.LogOutAsync();

        recorder.Recorder.EndCall(AgentsCouple);

        var report = recorder.Audit.Report();
        report.IsClean.ShouldBeTrue(report.ToString());
    }
}
