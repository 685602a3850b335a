using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

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

    /// <summary>
    /// The simulator set to every value of every setting the kit models, each with the profile that says so: as many
    /// profiles as the setting with the most values has values, the k-th giving each setting its k-th value (round again
    /// where a setting has fewer), so every value is met once at least, beside values of the other settings. Each must
    /// pass the kit given that profile: a recorder that says one thing in its profile and does another is what the kit
    /// is there to notice, for an inferred value as much as for the default.
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryValueProfiles))]
    public async Task The_simulator_passes_under_profiles_that_together_set_every_setting_to_every_value_the_kit_models(int k)
    {
        var profile = EveryValue(k);
        await using var target = new InProcessTarget();
        target.Control!.ServerProfile = ProfileJson.Write(profile);
        var kit = new ConformanceKit(target, profile, TextWriter.Null) { Seed = 11 + k, Runs = 600 };

        var result = await kit.RunAsync(TestContext.Current.CancellationToken);

        var settings = string.Join(", ", profile.DifferencesFrom(KitProfile.Default).Select(d => $"{d.Setting}={d.Value}"));
        result.Failure.ShouldBeNull(result.Failure is { } f ? $"{settings}\n{f.Check.Rule}: {f.Check.What}; expected {f.Check.Expected}, actual {f.Check.Actual}\n{string.Join("\n", f.Trace)}" : null);
        result.Rules.Where(r => r.Status is not (RuleStatus.Passed or RuleStatus.NotChecked)).Select(r => $"{r.Rule.Id}: {r.Status} {r.Detail}").ShouldBeEmpty(settings);
        result.SettingChanges.ShouldBeEmpty(settings);
        result.ExitCode(requireAllChecked: false).ShouldBe(0, settings);
    }

    public static TheoryData<int> EveryValueProfiles => [.. Enumerable.Range(0, 2 * ValuesOf().Values.Max(v => v.Count))];

    /// <summary>
    /// Each setting's default, then every other value it has: a choice's own values (so a value added to the kit is
    /// met here at once), and for a status, an origin or a route the values the setting tests try. The idle timeout is
    /// left at its default: the kit's runs would wait it out (IdleBoundaryTests checks it).
    /// </summary>
    private static Dictionary<string, List<string>> ValuesOf()
    {
        var values = ProfileSettings.All.Where(s => s.Modelled && s.Name != ProfileSettings.SessionIdleTimeout).ToDictionary(s => s.Name, s => new List<string> { s.Default });
        var tried = ProfileSettingTests.Differences.Concat(ProfileSettingTests.ProbedOnly).Concat(ProfileSettingTests.LastResort).Concat(ProfileSettingTests.MeasuredOnly).Select(row => row.Data);
        foreach (var (setting, value) in ProfileSettings.All.Where(s => values.ContainsKey(s.Name)).SelectMany(s => s.Candidates.Select(c => (s.Name, c))).Concat(tried))
        {
            if (!values[setting].Contains(value))
            {
                values[setting].Add(value);
            }
        }

        return values;
    }

    /// <summary>
    /// The k-th profile: each setting at its value k, shifted by the setting's place in the list, so settings with the same
    /// values (endedCoupleStatus and unknownCoupleStatus) do not always agree, which would hide a recorder that mixes
    /// them up; then as many again with every setting at its value k, unshifted, so two settings whose places have
    /// the same parity do not always meet in the same pairs either: shifted alone, outsidePauseStatus=403 only ever met
    /// outsideAccessStatus=403 and withoutCallListStatus=403, and a recorder that answered a pause outside the masks as
    /// its details (404) went unnoticed.
    /// </summary>
    private static KitProfile EveryValue(int k)
    {
        var values = ValuesOf();
        var rounds = values.Values.Max(v => v.Count);
        return values.Select((s, place) => (s.Key, s.Value, Shift: k < rounds ? place : 0))
            .Aggregate(KitProfile.Default, (profile, s) => profile.With(s.Key, s.Value[(k + s.Shift) % s.Value.Count]).Profile!) with { Name = $"every-value-{k}" };
    }

    /// <summary>
    /// SES-4 (anonymousSession=refusals, inferred) beside LST-6 checked before the login with a 403: a list without a
    /// session and with an invalid direction is refused for its direction, not as not logged in, so it opens no session.
    /// The probe cannot place that 403 among the login's refusal (badDirectionOrder keeps its default), nor, where the
    /// unknown path and the PATCH are refused as not logged in too, tell refusals from any-request; the kit run with the
    /// probed profile expected a cookie on that 403, a difference on a faithful recorder.
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData("unknownPathOrder=after-login badMethodOrder=after-login")]
    public async Task SES_4_Under_refusals_an_invalid_directions_403_before_the_login_opens_no_session_and_the_probed_kit_expects_none(string more)
    {
        var served = $"anonymousSession=refusals badDirectionOrder=before-login invalidDirectionStatus=403 {more}".Trim().Split(' ')
            .Aggregate(KitProfile.Default, (p, pair) => p.With(pair.Split('=')[0], pair.Split('=')[1]).Profile!) with { Name = "recorder" };
        await using var target = new InProcessTarget();
        target.Control!.ServerProfile = ProfileJson.Write(served);
        var (probe, probed) = await ProbedProfile.OfAsync(new PauseResume.Conformance.Probe.Prober(target, [], [], TimeSpan.Zero));
        target.Control.ServerProfile = ProfileJson.Write(served);

        var result = await new ConformanceKit(target, probed, TextWriter.Null) { Seed = 7, Runs = 300 }.RunAsync(TestContext.Current.CancellationToken);

        var explained = result.Failure is { } f ? $"{f.Check.Rule}: {f.Check.What}; expected {f.Check.Expected}, actual {f.Check.Actual}\n{string.Join("\n", f.Trace)}\n{string.Join("\n", probe.Summary)}" : null;
        result.Failure.ShouldBeNull(explained);
        result.SettingChanges.ShouldBeEmpty();
        result.ExitCode(requireAllChecked: false).ShouldBe(0);
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
