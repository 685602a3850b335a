using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// SES-6 (inferred): a session idle exactly the profile's timeout has expired, as a servlet container's <c>&gt;=</c>
/// decides. A server that still knows it then differs only at that one instant, so the kit must send a request there.
/// </summary>
public sealed class IdleBoundaryTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(3)]
    public async Task SES_6_A_server_that_keeps_a_session_idle_exactly_the_timeout_alive_differs_on_SES_6(int seed)
    {
        await using var target = new InProcessTarget();
        // One second more on the server: at exactly 30 minutes idle its session is still live, as a server deciding by > would keep it.
        var (server, _) = KitProfile.Default.With(ProfileSettings.SessionIdleTimeout, "00:30:01");
        target.Control!.ServerProfile = ProfileJson.Write(server!);
        var kit = new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = seed, Runs = 200 };

        var result = await kit.RunAsync(TestContext.Current.CancellationToken);

        result.Broken.ShouldBeEmpty("SES-6 is inferred: a difference, never a broken documented rule");
        result.Rules.Single(r => r.Rule.Id == "SES-6").Status.ShouldBe(RuleStatus.Differs, "SES-6: the request at the boundary shows the session still live");
    }
}
