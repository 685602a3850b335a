using System.Collections.Immutable;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// A recorder may differ from the profile in several places at once. A difference in the details document, once
/// reported, must not stop the kit from finding the setting that explains another failure whose minimal scenario reads
/// details: otherwise that failure is reported as a broken documented rule.
/// </summary>
public sealed class KnownDifferenceTests
{
    /// <summary>
    /// SES-4: a recorder that hands out a fresh id only to a login that works, and leaves the session a failed login
    /// named as it was (the stand-in hunt's rotate-on-success): that the session named is logged out is inferred, so a
    /// list it then serves differs on SES-4, it breaks no documented rule.
    /// </summary>
    [Fact]
    public async Task A_failed_login_that_sets_no_new_id_and_leaves_the_session_breaks_nothing()
    {
        // Arrange: failedLoginSession=unchanged, and a failed login's answer sets no cookie
        await using var target = new InProcessTarget((recorder, inner) => Rewriting.FailedLoginSetsNoCookie(recorder, inner));
        target.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.FailedLoginSession, "unchanged").Profile! with { Name = "recorder" });

        // Act
        var result = await new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = 25, Runs = 100 }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(string.Join("\n", result.Failures.Select(f => $"{f.Check.Rule} {f.Check.What}: {f.Check.Expected} / {f.Check.Actual}\n  {string.Join("\n  ", f.Trace)}")));
        result.Rules.Single(r => r.Rule.Id == "SES-4").Status.ShouldBe(RuleStatus.Differs);
    }

    /// <summary>
    /// SES-4: a recorder that keeps the session id a login names and leaves that session as it was after a failed login.
    /// On the way the run guesses other values that small scenarios fit alike (where bad parameters are checked, where
    /// the login's fields are read, how a bad paused value is read), and differences found under a guess it later drops
    /// must not stay in the report: the verdict names the two settings the recorder has, and SES-4 alone differs.
    /// </summary>
    [Theory]
    [InlineData(12)]
    [InlineData(19)]
    [InlineData(22)]
    [InlineData(38)]
    public async Task SES_4_A_recorder_that_keeps_its_session_ids_is_reported_with_its_two_settings_and_no_guess_of_the_run(int seed)
    {
        // Arrange
        await using var target = new InProcessTarget();
        target.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.LoginSessionId, "kept").Profile!.With(ProfileSettings.FailedLoginSession, "unchanged").Profile! with { Name = "recorder" });

        // Act
        var result = await new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = seed, Runs = 40 }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var report = string.Join("\n", result.Failures.Select(f => $"{f.Rule} {f.Check.What}: {f.Matching}"));
        result.Differing.Select(r => r.Rule.Id).ShouldBe(["SES-4"], report);
        result.SettingChanges.Select(c => $"{c.Setting}={c.ServerValue}").Order(StringComparer.Ordinal).ToList().ShouldBe(["failedLoginSession=unchanged", "loginSessionId=kept"], report);
    }

    /// <summary>
    /// DET-1: the details' start is an xs:dateTime with its time zone. A Java server running in UTC writes "Z", and one
    /// may write more digits of the second, or none: the same instant, no difference from the profile.
    /// </summary>
    [Theory]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss.fff'Z'")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz")]
    [InlineData("yyyy-MM-dd'T'HH:mm:sszzz")]
    public async Task A_start_written_in_UTC_or_to_another_precision_differs_in_nothing(string format)
    {
        // Arrange: the simulator, every details document's start rewritten in that format (starts are whole seconds)
        await using var target = new InProcessTarget((_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            return request.Method == HttpMethod.Get && System.Text.RegularExpressions.Regex.IsMatch(request.RequestUri!.AbsolutePath, @"/couples\.xml/\d+$") && response.IsSuccessStatusCode
                ? await Rewriting.WithXml(response, root =>
                {
                    var start = root.Element("start")!;
                    var at = DateTimeOffset.Parse(start.Value, System.Globalization.CultureInfo.InvariantCulture);
                    start.Value = (format.EndsWith("'Z'", StringComparison.Ordinal) ? at.ToUniversalTime() : at).ToString(format, System.Globalization.CultureInfo.InvariantCulture);
                })
                : response;
        }) { InnerHandler = inner });

        // Act
        var result = await new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = 3, Runs = 60 }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Failures.ShouldBeEmpty(string.Join("\n", result.Failures.Select(f => $"{f.Check.Rule} {f.Check.What}: {f.Check.Expected} / {f.Check.Actual}")));
        result.Rules.Single(r => r.Rule.Id == "DET-1").Status.ShouldBe(RuleStatus.Passed);
    }

    [Fact]
    public async Task A_setting_is_still_found_when_its_minimal_scenario_also_meets_a_reported_difference_in_the_details()
    {
        // Arrange: logins read the query string (loginParameters), and every details document writes its start without its time zone
        // (no setting), a difference the kit has already reported
        var zoneless = DeviantRecorders.All.Single(d => d.Name == "writes the details' start without its time zone");
        await using var target = new InProcessTarget(zoneless.Wrap, zoneless.Name);
        target.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With("loginParameters", "form-and-query").Profile! with { Name = "recorder" });
        var world = new WorldSpec(5, [new ModelUser("admin", "pw-admin", true, true, [])], [new CallSpec("5551234", "10021", "10.0.0.5", "10.0.1.21")]);
        var scenario = new Scenario(world, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true, InQuery: true), new DetailsCommand(0, new CoupleRef(0), ViaLink: false)]);
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);
        var tolerated = new HashSet<string>(StringComparer.Ordinal) { "DET-1|the details' <start> is a date and time with its time zone (inferred)" };
        var outcome = await runner.RunAsync(scenario, KitProfile.Default, null, tolerated, TestContext.Current.CancellationToken);

        // Act
        var (profile, changes, _) = await new Diagnosis(runner, tolerated).ExplainAsync(scenario, outcome, KitProfile.Default, (scenario, outcome), [], TestContext.Current.CancellationToken);

        // Assert
        outcome.Broken.ShouldNotBeNull("SES-1: under the default profile a login by the query string does not log in");
        outcome.Broken.Rule.ShouldBe("SES-1", string.Join("\n", outcome.Trace));
        profile.ShouldNotBeNull($"SES-1: loginParameters=form-and-query explains the login, though the details then differ as already reported\n{string.Join("\n", outcome.Trace)}");
        changes.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe(["loginParameters=form-and-query"]);
    }

    /// <summary>
    /// A value that fits a documented failure but contradicts an earlier explanation excuses it only if the scenario
    /// explained before then differs on an inferred rule alone: the earlier explanation may have been the coincidence
    /// (a session the model wrongly held ended, put down to where bad parameters are checked). Where that scenario would
    /// break a documented rule, the value describes no one server.
    /// </summary>
    [Theory]
    [InlineData("invalidDirectionStatus", "400", "EITHER", true)] // the bad direction is then expected 400: LST-6, inferred
    [InlineData("directionWithoutValue", "ignored", "EITHER", false)] // the list is then expected 200: LST-1, documented
    public async Task A_candidate_that_leaves_an_earlier_scenario_differing_only_on_an_inferred_rule_breaks_nothing_documented(string setting, string value, string direction, bool nothingDocumented)
    {
        // Arrange: a default recorder, and an earlier scenario that lists with an invalid direction and no value
        await using var target = new InProcessTarget();
        var world = new WorldSpec(5, [new ModelUser("admin", "pw-admin", true, true, [])], [new CallSpec("5551234", "10021", "10.0.0.5", "10.0.1.21")]);
        var before = new Scenario(world, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new ListCommand(0, FilterSpec.None, new FilterSpec(ValueKind.None, 0, direction))]);
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);
        var candidate = KitProfile.Default.With(setting, value).Profile!;

        // Act
        var breaksNothing = await new Diagnosis(runner, new HashSet<string>()).BreaksNothingDocumentedAsync([before], candidate, TestContext.Current.CancellationToken);
        var replay = await runner.RunAsync(before, candidate, null, null, TestContext.Current.CancellationToken);

        // Assert
        replay.Broken.ShouldNotBeNull($"{setting}={value} contradicts the earlier scenario\n{string.Join("\n", replay.Trace)}");
        breaksNothing.ShouldBe(nothingDocumented, $"{replay.Broken.Rule} ({(replay.Broken.Documented ? "documented" : "inferred")}): {replay.Broken.What}");
    }
}
