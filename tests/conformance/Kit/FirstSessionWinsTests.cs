using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// SES-4 under sessionsPerUser=first-wins: a login that worked, whose new id the slot then ignores, leaves a logged-in
/// session behind; the server holds it against that user's next login until it expires or is logged out, and the kit
/// must expect that login to do nothing.
/// </summary>
public sealed class FirstSessionWinsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_session_left_behind_holds_the_users_next_login_and_breaks_nothing(int seed)
    {
        // Arrange
        var profile = KitProfile.Default.With(ProfileSettings.SessionsPerUser, "first-wins").Profile!;
        await using var target = new InProcessTarget(description: "first-wins");
        target.Control!.ServerProfile = ProfileJson.Write(profile);

        // Act
        var result = await new ConformanceKit(target, profile, TextWriter.Null) { Seed = seed, Runs = 300 }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Failures.Select(f => $"{f.Check.Rule} {f.Check.What}: expected {f.Check.Expected}, actual {f.Check.Actual}\n  {string.Join("\n  ", f.Trace)}").ShouldBeEmpty();
    }
}
