using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>--budget bounds the judging of a failure too, not only when the last scenario starts.</summary>
public sealed class BudgetTests
{
    /// <summary>
    /// A failure met near the end of the budget is shrunk, replayed and searched for a setting, each replay with the
    /// recorder's own pace: on a real recorder one judging ran for a quarter of an hour past a budget of ten minutes.
    /// Cut short, it is no verdict either way: its rule is left not checked, with the replay that judges it.
    /// </summary>
    [Fact]
    public async Task A_failure_whose_judging_the_budget_cuts_short_is_left_not_checked_with_its_replay()
    {
        // Arrange: a recorder that keeps the session id a login came with (the profile says a fresh one), each answer 15 ms late
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            await Task.Delay(15);
            return await send(request);
        }) { InnerHandler = handler });
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.LoginSessionId, "kept").Profile!);
        var progress = new StringWriter();
        var kit = new ConformanceKit(inner, KitProfile.Default, progress) { Seed = 3, Runs = 200, Budget = TimeSpan.FromMilliseconds(50), JudgingGrace = TimeSpan.Zero };

        // Act
        var result = await kit.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var why = $"{progress}\n{string.Join("\n", result.Rules.Select(r => $"{r.Rule.Id} {r.Status}: {r.Detail}"))}";
        result.Broken.ShouldBeEmpty(why);
        result.Differing.ShouldBeEmpty(why);
        result.NotChecked.ShouldContain(r => r.Detail.Contains("the --budget ran out before the kit had judged it", StringComparison.Ordinal) && r.Detail.Contains("--seed 3 --run ", StringComparison.Ordinal), why);
        // A check did fail: only its replay can say whether a documented rule is broken, so the run does not pass.
        result.Faults.ShouldContain(f => f.Fault.Kind == "budget", why);
        result.ExitCode(requireAllChecked: false).ShouldBe(KitResult.ExitFaulted, why);
    }

    /// <summary>The same recorder with time to judge: the failure is put down to the setting that explains it.</summary>
    [Fact]
    public async Task A_failure_judged_within_the_budget_is_put_down_to_its_setting()
    {
        // Arrange
        await using var inner = new InProcessTarget();
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.LoginSessionId, "kept").Profile!);
        var kit = new ConformanceKit(inner, KitProfile.Default, TextWriter.Null) { Seed = 3, Runs = 200, Budget = TimeSpan.FromMilliseconds(50), JudgingGrace = TimeSpan.FromMinutes(5) };

        // Act
        var result = await kit.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.SettingChanges.ShouldContain(c => c.Setting == ProfileSettings.LoginSessionId && c.ServerValue == "kept", string.Join("\n", result.Rules.Select(r => $"{r.Rule.Id} {r.Status}: {r.Detail}")));
    }
}
