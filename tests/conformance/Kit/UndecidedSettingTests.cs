using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// A server that answers one scenario as one value of a setting would and another as a second value matches neither:
/// the verdict must not name the value that happened to explain the first failure.
/// </summary>
public sealed class UndecidedSettingTests
{
    [Fact]
    public async Task A_strict_server_that_takes_the_first_of_two_paused_values_is_not_said_to_match_jaxrs_lenient()
    {
        // Arrange: strict on 'paused=yes' and a missing value (400), but 'paused=true&paused=false' pauses
        var deviant = DeviantRecorders.All.Single(d => d.Name == "takes the first of two conflicting paused values under the strict profile");
        await using var target = new InProcessTarget(deviant.Wrap, deviant.Name);
        var kit = new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = 20261127, Runs = 300 };

        // Act
        var result = await kit.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var explain = string.Join("\n", result.Failures.Select(f => $"{f.Check.Rule} [{string.Join(", ", f.Explained)}] {f.Check.What}"));
        result.Rules.Single(r => r.Rule.Id == "PSE-2").Status.ShouldBe(RuleStatus.Differs, explain);
        result.SettingChanges.ShouldBeEmpty($"PSE-2: neither value of pausedParameter describes this server\n{explain}");
        result.Verdict.ShouldNotContain("it matches pausedParameter", Case.Sensitive, explain);
    }
}
