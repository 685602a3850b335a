using PauseResume.Conformance.Concurrency;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Reports;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Hosting;

namespace PauseResume.Conformance.Tests.Concurrency;

/// <summary>Which accounts the agents take on a real recorder, by the phone masks the profile says how to read.</summary>
public sealed class AgentsAccountsTests
{
    /// <summary>
    /// LST-5 under maskScope=call on a real recorder: the only account with the pause right has a mask that matches the
    /// other leg of the allowed couple's call, not the couple itself; it reaches the couple through the call, so it is an agent.
    /// </summary>
    [Fact]
    public async Task Under_maskScope_call_an_account_that_reaches_the_allowed_couple_through_its_call_is_an_agent()
    {
        // Arrange
        ModelUser[] accounts = [new("admin", "admin", true, false, []), new("agent", "agent", true, true, ["10050"])];
        var profile = KitProfile.Default.With(ProfileSettings.MaskScope, "call").Profile!;
        await using var inner = new InProcessTarget(description: "faithful");
        inner.Control!.ServerProfile = ProfileJson.Write(profile);
        var first = (await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken))[0];
        await inner.Control.StartCallAsync(new CallSpec("10021", "10050", "10.0.1.21", "10.0.1.50"), TestContext.Current.CancellationToken, first.CallId);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [first.Id], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new AgentsRun(recorder, new AgentsPlan(2, 20, 1, TimeSpan.Zero, TimeSpan.FromSeconds(10)), TextWriter.Null) { Real = real, Accounts = accounts, Profile = profile }
            .RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var report = AgentsReport.Text(result, "replay");
        result.ExitCode().ShouldBe(KitResult.ExitConformant, report);
        result.Couples.ShouldHaveSingleItem().Operations.ShouldBeGreaterThan(2, report);
    }
}
