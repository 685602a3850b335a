using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// A server that answers one scenario as one value of a setting would and another as a second value matches neither:
/// the verdict must not name the value that happened to explain the first failure. One whose first failure fits two
/// settings must end up named by the one that fits every failure.
/// </summary>
public sealed class UndecidedSettingTests
{
    private static string Explain(KitResult result) =>
        string.Join("\n", result.Failures.Select(f => $"{f.Check.Rule} [{string.Join(", ", f.Explained)}] {f.Check.What}\n  {string.Join("\n  ", f.Trace)}"));

    [Fact]
    public async Task PSE_2_A_server_strict_on_a_POST_and_lenient_on_a_PUT_is_not_said_to_match_either_reading()
    {
        // Arrange: a bad or missing paused in a PUT's body is read as false (a resume), as Java would; a POST's is a 400
        var deviant = new Deviant("reads paused strictly on a POST and as Java does on a PUT", "PSE-2", (_, inner) => new Rewriting(async (request, send) =>
        {
            if (Rewriting.IsPausedState(request) && request.Method == HttpMethod.Put && await Rewriting.FormOf(request) is var form)
            {
                // Java's reading: the first paused, true only if it says so (any case); anything else resumes.
                var first = (request.RequestUri!.Query.TrimStart('?') + "&" + form).Split('&').FirstOrDefault(p => p.StartsWith("paused=", StringComparison.Ordinal));
                var paused = string.Equals(first?["paused=".Length..], "true", StringComparison.OrdinalIgnoreCase);
                Rewriting.WithForm(Rewriting.WithQuery(request, _ => string.Empty), paused ? "paused=true" : "paused=false");
            }

            return await send(request);
        }) { InnerHandler = inner });
        await using var target = new InProcessTarget(deviant.Wrap, deviant.Name);
        var kit = new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = 20261127, Runs = 300 };

        // Act
        var result = await kit.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Rules.Single(r => r.Rule.Id == "PSE-2").Status.ShouldBe(RuleStatus.Differs, Explain(result));
        result.SettingChanges.Select(c => c.Setting).ShouldNotContain(ProfileSettings.PausedParameter, $"PSE-2: neither value of pausedParameter describes this server\n{Explain(result)}");
        result.Verdict.ShouldNotContain("it matches pausedParameter", Case.Sensitive, Explain(result));
    }

    [Fact]
    public async Task PSE_2_A_strict_server_that_takes_the_first_of_two_paused_values_matches_repeatedPaused_first_not_jaxrs_lenient()
    {
        // Arrange: strict on 'paused=yes' and a missing value (400), but 'paused=true&paused=false' pauses
        var deviant = DeviantRecorders.All.Single(d => d.Name == "takes the first of two conflicting paused values under the strict profile");
        await using var target = new InProcessTarget(deviant.Wrap, deviant.Name);
        var kit = new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = 20261127, Runs = 300 };

        // Act
        var result = await kit.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        result.SettingChanges.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe(["repeatedPaused=first"], Explain(result));
    }
}
