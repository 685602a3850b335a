using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// Which of a couple's two numbers a phone mask applies to is our inference (the access rules of RECORDER-API.md), so
/// a recorder that applies masks to the called number only is a difference from the profile, never a broken rule: the
/// setting maskSide, which the probe measures, and a run tries where no guessed value explains a failure.
/// </summary>
public sealed class PhoneMaskSideTests
{
    /// <summary>
    /// Under outsideAccessStatus=404 the refusal is a 404, which the kit judges against the access rules as it does a 403
    /// (it was read as a details document that did not come, DET-1: documented, so a false "broken").
    /// </summary>
    [Theory]
    [InlineData("403")]
    [InlineData("404")]
    public async Task A_recorder_that_applies_masks_to_the_called_number_only_differs_and_breaks_no_documented_rule(string outsideAccessStatus)
    {
        // Arrange: the recorder and the profile checked against agree on the status of a couple outside the masks
        var deviant = DeviantRecorders.All.Single(d => d.Name == "applies phone masks to the called number only");
        var profile = KitProfile.Default.With(ProfileSettings.OutsideAccessStatus, outsideAccessStatus).Profile!;
        await using var target = new InProcessTarget(deviant.Wrap, deviant.Name);
        var kit = new ConformanceKit(target, profile, TextWriter.Null) { Seed = 20261127, Runs = 300 };

        // Act
        var result = await kit.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var explain = string.Join("\n", result.Failures.Select(f => $"{f.Check.Rule}: {f.Check.What} ({f.Check.Expected} / {f.Check.Actual})\n  {string.Join("\n  ", f.Trace)}"));
        result.Broken.ShouldBeEmpty($"DET-1, PSE-1: a refusal of a couple reached by one number only breaks no documented rule\n{explain}");
        result.SettingChanges.Select(c => $"{c.Setting}={c.ServerValue}").ShouldContain("maskSide=called", $"LST-5: the difference is the setting that describes it\n{explain}");
        result.ExitCode(requireAllChecked: false).ShouldBe(KitResult.ExitDiffers, explain);
        result.SettingChanges.Select(c => c.Setting).ShouldNotContain(ProfileSettings.PausedParameter, $"PSE-2: the recorder reads paused strictly, as the profile says\n{explain}");
        result.UndecidedSettings.ShouldBeEmpty(explain);
    }
}
