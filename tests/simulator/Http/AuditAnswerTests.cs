using Microsoft.Extensions.DependencyInjection;
using PauseResume.Simulator.Http;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>GEN-3: <c>GET /simulator/audit</c> is built once for the requests that ask for it at once, not once each.</summary>
public sealed class AuditAnswerTests
{
    [Fact]
    public async Task GEN_3_Requests_for_the_audit_at_once_share_one_build_and_a_change_builds_it_again()
    {
        // Arrange: an audit with something in it
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var agent = await LegacyClient.LoggedInAsync(http, "agent", "agent-pw");
        await agent.ListAsync("phoneNumber=10012");
        var answer = recorder.Services.GetRequiredService<AuditAnswer>();

        // Act: eight at once, then one after a legacy request
        var atOnce = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => http.GetStringAsync("/simulator/audit", TestContext.Current.CancellationToken)));
        var buildsAtOnce = answer.Builds;
        await agent.ListAsync("phoneNumber=10031");
        var afterAChange = await http.GetStringAsync("/simulator/audit", TestContext.Current.CancellationToken);

        // Assert
        buildsAtOnce.ShouldBe(1, "GEN-3: one build for the eight");
        atOnce.Distinct().ShouldHaveSingleItem().ShouldContain("\"requests\": 2");
        answer.Builds.ShouldBe(2, "a request the audit observed since is in the next answer");
        afterAChange.ShouldContain("\"requests\": 3");
    }
}
