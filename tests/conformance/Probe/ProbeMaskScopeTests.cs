using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Probe;

/// <summary>
/// LST-5 "may see that call's details" (maskScope, inferred): on a real recorder the probe measures it with a call in
/// progress whose legs one account's phone masks split. Any account given with Call List and masks may be the one; before,
/// only the first was asked, and a recorder whose calls split only another account's masks had maskScope kept at its default.
/// </summary>
public sealed class ProbeMaskScopeTests
{
    private static readonly Model.ModelUser[] Accounts =
    [
        new("admin", "admin-pw", true, true, []),
        new("agent7", "agent7-pw", true, false, ["7777*"]),
        new("agent1", "agent1-pw", true, false, ["1002?"]),
    ];

    [Theory]
    [InlineData("call")]
    [InlineData("couple")]
    public async Task LST_5_A_call_split_by_the_second_masked_accounts_masks_tells_maskScope(string scope)
    {
        // Arrange: a call of two legs, one within agent1's masks and one outside them; agent7's masks match neither
        await using var inner = new InProcessTarget();
        var server = KitProfile.Default.With(ProfileSettings.MaskScope, scope).Profile!;
        inner.Control!.ServerProfile = ProfileJson.Write(server with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        await inner.Control.StartCallAsync(new CallSpec("5550102", "20030", "10.0.0.6", "10.0.2.30"), TestContext.Current.CancellationToken, couples[0].CallId);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), Accounts, [], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var json = System.Text.Json.JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty(ProfileSettings.MaskScope).GetString().ShouldBe(scope, summary);
        ProfileJson.Read(json).Measured.ShouldContain(ProfileSettings.MaskScope, summary);
        summary.ShouldContain("agent1's list", Case.Sensitive, summary);
    }
}
