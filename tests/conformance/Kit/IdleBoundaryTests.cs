using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// SES-6 is inferred: when a session expires (sessionIdleTimeout, and whether idle exactly the timeout has expired, as
/// a servlet container's <c>&gt;=</c> decides) is the profile's. A server whose timeout differs must come out as
/// differing on SES-6, never as breaking a documented rule, and the kit must send a request where the difference shows.
/// </summary>
public sealed class IdleBoundaryTests
{
    [Theory]
    [InlineData("00:30:01", 5)] // alive at exactly 30 minutes idle, as a server deciding by > would be
    [InlineData("00:30:01", 3)]
    [InlineData("00:29:59", 2)] // expired a second early: the list after the wait to "timeout - 1 s" is refused
    [InlineData("00:29:59", 7)]
    [InlineData("00:05:00", 4)]
    [InlineData("00:45:00", 1)]
    public async Task SES_6_A_server_whose_idle_timeout_differs_differs_on_SES_6_and_breaks_no_documented_rule(string serverTimeout, int seed)
    {
        await using var target = new InProcessTarget();
        var (server, _) = KitProfile.Default.With(ProfileSettings.SessionIdleTimeout, serverTimeout);
        target.Control!.ServerProfile = ProfileJson.Write(server!);
        var kit = new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = seed, Runs = 200 };

        var result = await kit.RunAsync(TestContext.Current.CancellationToken);

        result.Broken.Select(r => $"{r.Rule.Id}: {r.Detail}\n  {string.Join("\n  ", r.Failure?.Trace ?? [])}")
            .ShouldBeEmpty("SES-6 is inferred: a refusal of a session the clock may have expired is a difference, never a broken documented rule");
        result.Rules.Single(r => r.Rule.Id == "SES-6").Status.ShouldBe(RuleStatus.Differs, "SES-6: a request where the two timeouts disagree shows it");
        result.ExitCode(requireAllChecked: false).ShouldBe(KitResult.ExitDiffers);
    }
}
