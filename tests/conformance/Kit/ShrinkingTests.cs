using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>How a failed scenario is made smaller: each attempt is a replay, seconds long on a real recorder.</summary>
public sealed class ShrinkingTests
{
    private static readonly WorldSpec World = new(5, [new ModelUser("admin", "pw-admin", true, true, [])], [new CallSpec("5551234", "10021", "10.0.0.5", "10.0.1.21")]);

    [Fact]
    public async Task SES_4_The_steps_after_the_failing_one_go_without_a_replay()
    {
        // Arrange: a recorder whose session cookie is not HttpOnly, and a scenario that fails at its first step, a login,
        // followed by 29 lists that never run
        await using var target = new InProcessTarget();
        target.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.SessionCookie, "plain").Profile! with { Name = "recorder" });
        var scenario = new Scenario(World, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), .. Enumerable.Repeat<Command>(new ListCommand(0, FilterSpec.None, FilterSpec.None), 29)]);
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);
        var tolerated = new HashSet<string>(StringComparer.Ordinal);
        var outcome = await runner.RunAsync(scenario, KitProfile.Default, null, tolerated, TestContext.Current.CancellationToken);
        var progress = new StringWriter();
        var kit = new ConformanceKit(target, KitProfile.Default, progress);

        // Act
        var (shrunk, failed) = await kit.ShrinkAsync(runner, scenario, outcome, KitProfile.Default, tolerated, TestContext.Current.CancellationToken);

        // Assert
        outcome.FailingStep.ShouldBe(0, string.Join("\n", outcome.Trace));
        failed.Broken.ShouldNotBeNull();
        failed.Broken.Rule.ShouldBe("SES-4");
        shrunk.Steps.Length.ShouldBe(1);
        progress.ToString().ShouldContain("shrunk to 1 step(s) after 1 attempt(s)", Case.Sensitive, "the login alone is left at once; then only the world without its call is tried");
    }
}
