using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Tests.Kit;

public sealed class ConformingRecorderTests
{
    [Theory]
    [InlineData(KitProfile.DefaultName)]
    [InlineData(KitProfile.JaxRsLenientName)]
    public async Task The_unmodified_simulator_passes_under_every_built_in_profile_with_every_rule_checked(string profileName)
    {
        KitProfile.TryNamed(profileName, out var profile).ShouldBeTrue();
        await using var target = new InProcessTarget();
        var kit = new ConformanceKit(target, profile, TextWriter.Null) { Seed = 5, Runs = 200 };

        var result = await kit.RunAsync(TestContext.Current.CancellationToken);

        result.Failure.ShouldBeNull(result.Failure is { } f ? $"{f.Check.Rule}: {f.Check.What}; expected {f.Check.Expected}, actual {f.Check.Actual}\n{string.Join("\n", f.Trace)}" : null);
        result.Rules.Where(r => r.Status != RuleStatus.Passed).Select(r => $"{r.Rule.Id}: {r.Detail}").ShouldBeEmpty();
        result.Rules.Where(r => r.Checks < kit.MinChecks).Select(r => $"{r.Rule.Id}: {r.Checks}").ShouldBeEmpty("every rule is checked at least --min-checks times");
        result.Verdict.ShouldStartWith("Conformant:");
    }

    [Fact]
    public void Every_built_in_profile_is_covered_by_the_theory_above()
    {
        KitProfile.BuiltIn.Select(p => p.Name).ShouldBe([KitProfile.DefaultName, KitProfile.JaxRsLenientName], ignoreOrder: true);
    }

    [Fact]
    public async Task Checked_against_the_wrong_profile_the_simulator_differs_on_the_setting_not_on_a_documented_rule()
    {
        await using var target = new InProcessTarget();
        target.Control!.ServerProfile = ProfileJson.Write(KitProfile.JaxRsLenient); // the server is what it is
        var kit = new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = 3, Runs = 300 };

        var result = await kit.RunAsync(TestContext.Current.CancellationToken);

        result.Broken.ShouldBeEmpty();
        result.Rules.Single(r => r.Rule.Id == "PSE-2").Status.ShouldBe(RuleStatus.Differs);
        result.SettingChanges.OrderBy(c => c.Setting, StringComparer.Ordinal).ShouldBe([new SettingChange("pausedParameter", "strict", "jaxrs-lenient"), new SettingChange("repeatedPaused", "refused", "first")]);
        result.ExitCode(requireAllChecked: false).ShouldBe(KitResult.ExitDiffers);
        result.Verdict.ShouldContain("No documented rule broken");
    }
}
