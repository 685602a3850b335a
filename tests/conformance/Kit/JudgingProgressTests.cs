using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>Judging a failure (shrinking, replaying, trying setting values) takes minutes on a real recorder: the run says it is still at it.</summary>
public sealed class JudgingProgressTests
{
    [Fact]
    public async Task A_failure_judged_for_longer_than_the_progress_interval_is_said_to_be_still_judged()
    {
        // Arrange: a recorder that keeps the session id a login came with (the profile says a fresh one), each answer 20 ms late
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
            return await send(request);
        }) { InnerHandler = handler });
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.LoginSessionId, "kept").Profile!);
        var progress = new StringWriter();
        var kit = new ConformanceKit(inner, KitProfile.Default, progress) { Seed = 3, Runs = 3, MaxRuns = 3, ProgressEvery = TimeSpan.FromMilliseconds(200) };

        // Act
        var result = await kit.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Failures.ShouldNotBeEmpty(progress.ToString());
        progress.ToString().ShouldContain("still judging the failure of SES-");
    }
}
