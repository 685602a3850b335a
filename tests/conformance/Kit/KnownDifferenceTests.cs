using System.Collections.Immutable;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// A recorder may differ from the profile in several places at once. A difference in the details document, once
/// reported, must not stop the kit from finding the setting that explains another failure whose minimal scenario reads
/// details: otherwise that failure is reported as a broken documented rule.
/// </summary>
public sealed class KnownDifferenceTests
{
    [Fact]
    public async Task A_setting_is_still_found_when_its_minimal_scenario_also_meets_a_reported_difference_in_the_details()
    {
        // Arrange: logins read the query string (loginParameters), and every details document writes its start in UTC
        // (no setting), a difference the kit has already reported
        var utc = DeviantRecorders.All.Single(d => d.Name == "writes the details' start in UTC");
        await using var target = new InProcessTarget(utc.Wrap, utc.Name);
        target.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With("loginParameters", "form-and-query").Profile! with { Name = "recorder" });
        var world = new WorldSpec(5, [new ModelUser("admin", "pw-admin", true, true, [])], [new CallSpec("5551234", "10021", "10.0.0.5", "10.0.1.21")]);
        var scenario = new Scenario(world, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true, InQuery: true), new DetailsCommand(0, new CoupleRef(0), ViaLink: false)]);
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);
        var tolerated = new HashSet<string>(StringComparer.Ordinal) { "DET-1|the details' <start> is a date and time with its offset (inferred)" };
        var outcome = await runner.RunAsync(scenario, KitProfile.Default, null, tolerated, TestContext.Current.CancellationToken);

        // Act
        var (profile, changes, _) = await new Diagnosis(runner, tolerated).ExplainAsync(scenario, outcome, KitProfile.Default, (scenario, outcome), [], TestContext.Current.CancellationToken);

        // Assert
        outcome.Broken.ShouldNotBeNull("SES-1: under the default profile a login by the query string does not log in");
        outcome.Broken.Rule.ShouldBe("SES-1", string.Join("\n", outcome.Trace));
        profile.ShouldNotBeNull($"SES-1: loginParameters=form-and-query explains the login, though the details then differ as already reported\n{string.Join("\n", outcome.Trace)}");
        changes.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe(["loginParameters=form-and-query"]);
    }
}
