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

    /// <summary>
    /// A value that fits a documented failure but contradicts an earlier explanation excuses it only if the scenario
    /// explained before then differs on an inferred rule alone: the earlier explanation may have been the coincidence
    /// (a session the model wrongly held ended, put down to where bad parameters are checked). Where that scenario would
    /// break a documented rule, the value describes no one server.
    /// </summary>
    [Theory]
    [InlineData("invalidDirectionStatus", "400", "EITHER", true)] // the bad direction is then expected 400: LST-6, inferred
    [InlineData("directionWithoutValue", "ignored", "EITHER", false)] // the list is then expected 200: LST-1, documented
    public async Task A_candidate_that_leaves_an_earlier_scenario_differing_only_on_an_inferred_rule_breaks_nothing_documented(string setting, string value, string direction, bool nothingDocumented)
    {
        // Arrange: a default recorder, and an earlier scenario that lists with an invalid direction and no value
        await using var target = new InProcessTarget();
        var world = new WorldSpec(5, [new ModelUser("admin", "pw-admin", true, true, [])], [new CallSpec("5551234", "10021", "10.0.0.5", "10.0.1.21")]);
        var before = new Scenario(world, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new ListCommand(0, FilterSpec.None, new FilterSpec(ValueKind.None, 0, direction))]);
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);
        var candidate = KitProfile.Default.With(setting, value).Profile!;

        // Act
        var breaksNothing = await new Diagnosis(runner, new HashSet<string>()).BreaksNothingDocumentedAsync([before], candidate, TestContext.Current.CancellationToken);
        var replay = await runner.RunAsync(before, candidate, null, null, TestContext.Current.CancellationToken);

        // Assert
        replay.Broken.ShouldNotBeNull($"{setting}={value} contradicts the earlier scenario\n{string.Join("\n", replay.Trace)}");
        breaksNothing.ShouldBe(nothingDocumented, $"{replay.Broken.Rule} ({(replay.Broken.Documented ? "documented" : "inferred")}): {replay.Broken.What}");
    }
}
