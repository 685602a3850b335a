using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// SES-4 (inferred): a failure may shrink to another check than the one it failed on (a login's cookie with a route the
/// profile does not name, shrunk to a logout that sets no cookie). The diagnosis tries the values the first check suggests
/// beside those of the shrunk one, so both settings are named, and the rest of the run is checked against them.
/// </summary>
public sealed class ShrunkElsewhereTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task SES_4_A_route_and_a_logout_without_a_cookie_are_both_named(int seed)
    {
        var served = KitProfile.Default.With(ProfileSettings.JvmRoute, "rec1").Profile!.With(ProfileSettings.LogoutSessionId, "none").Profile!;
        await using var target = new InProcessTarget();
        target.Control!.ServerProfile = ProfileJson.Write(served);

        var result = await new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = seed, Runs = 60 }.RunAsync(TestContext.Current.CancellationToken);

        var explained = string.Join("\n", result.Rules.Where(r => r.Status is RuleStatus.Failed or RuleStatus.Differs).Select(r => $"{r.Rule.Id} {r.Status}: {r.Detail}"));
        result.Broken.ShouldBeEmpty(explained);
        result.SettingChanges.Select(c => $"{c.Setting}={c.ServerValue}").Order(StringComparer.Ordinal).ToList().ShouldBe(["jvmRoute=rec1", "logoutSessionId=none"], explained);
    }
}
