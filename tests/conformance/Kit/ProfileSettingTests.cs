using PauseResume.Conformance.Cli;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Probe;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// For every profile setting, a recorder that differs from the default on that setting alone (the simulator run
/// under it): the kit with the default profile reports that setting and no documented rule broken; the probe finds
/// the value; the kit then passes against the probed profile; and the simulator under the probed profile answers the
/// probe's requests as that recorder did.
/// </summary>
public sealed class ProfileSettingTests
{
    public static TheoryData<string, string> Differences => new()
    {
        { "pausedParameter", "jaxrs-lenient" },
        { "pausedParameter", "spring" },
        { "pausedLocation", "form" },
        { "pausedLocation", "query" },
        { "pausedLocation", "post-form-and-query" },
        { "repeatedPaused", "first" },
        { "repeatedPaused", "last" },
        { "repeatedPaused", "refused-any" },
        { "invalidDirectionStatus", "400" },
        { "directionWithoutValue", "ignored" },
        { "unseenCouples", "omitted" },
        { "refusalOrder", "couple-first" },
        { "refusalOrder", "rights-first" },
        { "refusalOrder", "masks-first" },
        { "badDirectionOrder", "after-login" },
        { "badDirectionOrder", "before-login" },
        { "badPausedOrder", "after-login" },
        { "badPausedOrder", "before-login" },
        { "badPausedOrder", "before-couple" },
        { "loginParameters", "form-and-query" },
        { "pausedStateGetStatus", "404" },
        { "pausedStateGetStatus", "400" },
        { "unchangedPauseStatus", "409" },
        { "unchangedPauseStatus", "200" },
        { "pauseStatus", "200" },
        { "pauseStatus", "202" },
        { "endedCoupleStatus", "410" },
        { "endedCoupleStatus", "204" },
        { "unknownCoupleStatus", "410" },
        { "unknownCoupleStatus", "204" },
        { "outsideAccessStatus", "404" },
        { "unknownPathStatus", "400" },
        { "methodNotAllowedStatus", "404" },
        { "linkOrigin", "http://myserver" },
        { "linkOrigin", "relative" },
        { "jvmRoute", "node7" },
        { "loginSessionId", "kept" },
        { "failedLoginSession", "unchanged" },
        { "sessionsPerUser", "one" },
        { "sessionsPerUser", "first-wins" },
        { "successfulLoginSession", "unchanged" },
        { "pathCase", "any" },
        { "headMethod", "not-allowed" },
        { "formlessPost", "refused" },
        { "loginPage", "token" },
        { "loginPage", "redirect" },
        { "logoutSessionId", "none" },
        { "sessionCookie", "plain" },
        { "documentMediaType", "text/xml" },
        { "filterMatch", "prefix" },
        { "filterMatch", "part" },
        { "filterJoin", "or" },
        { "pauseScope", "call" },
        { "detailsPaused", "with-link" },
        { "withoutCallListStatus", "404" },
        { "filterScope", "call" },
        { "endedCoupleDetails", "served" },
        { "anonymousSession", "any-request" },
        { "badMethodOrder", "after-login" },
        { "unknownPathOrder", "after-login" },
    };

    /// <summary>
    /// Values that differ from the default only beside another setting's value: a pause outside the masks refused 403
    /// whatever the details answer is the default where the details answer 403 too; which legs a pause that changes
    /// nothing reaches means something only where a pause reaches the call.
    /// </summary>
    public static TheoryData<string, string, string, string> DifferencesBeside => new()
    {
        { "outsidePauseStatus", "403", "outsideAccessStatus", "404" },
        { "unchangedPauseReach", "named", "pauseScope", "call" },
    };

    /// <summary>Settings the probe measures and a diagnosis never guesses (<see cref="ProfileSetting.Guessed"/>).</summary>
    public static TheoryData<string, string> ProbedOnly => new()
    {
        { "directionCase", "any" },
        { "emptyDirection", "none" },
        { "logoutPage", "own" },
    };

    /// <summary>
    /// Settings the probe measures that a diagnosis tries only where no guessed value explains a failure
    /// (<see cref="ProfileSetting.LastResort"/>).
    /// </summary>
    public static TheoryData<string, string> LastResort => new()
    {
        { "errorBody", "empty" },
        { "listWithoutCallList", "empty" },
        { "maskScope", "call" },
        { "maskSide", "calling" },
        { "maskSide", "called" },
    };

    /// <summary>
    /// Values the probe tells apart where a run's diagnosis may name another that explains the scenario it shrank:
    /// a failed login that keeps the session it named is loginSessionId=kept and on-success alike, and kept, tried
    /// first, is named; a masked user refused an unknown couple 403 is refusalOrder=masks-first and rights-and-masks-first
    /// alike, and masks-first is named until a user with neither masks nor the pause right pauses an unknown couple; a
    /// logout that keeps the id it names sets no cookie, as under logoutSessionId=none, where no run sees whether the id
    /// lives (logoutSession=logged-out is named, with none beside it).
    /// </summary>
    public static TheoryData<string, string> ProbeTellsApart => new()
    {
        { "loginSessionId", "on-success" },
        { "refusalOrder", "rights-and-masks-first" },
        { "logoutSession", "logged-out" },
    };

    /// <summary>Values of a guessed setting that only the probe measures (<see cref="ProfileSetting.MeasuredOnly"/>).</summary>
    public static TheoryData<string, string> MeasuredOnly => new()
    {
        { "unchangedPauseStatus", "400" },
    };

    /// <summary>
    /// Under the Java reading a <c>paused</c> where the server does not look is no 400 but a resume, and two values are
    /// no 400 but one of them: the same settings against the built-in jaxrs-lenient profile (PSE-2, PSE-3).
    /// </summary>
    public static TheoryData<string, string> LenientDifferences => new()
    {
        { "pausedLocation", "form" },
        { "pausedLocation", "query" },
        { "pausedLocation", "post-form-and-query" },
        { "repeatedPaused", "last" },
        { "repeatedPaused", "refused" },
        { "repeatedPaused", "refused-any" },
        { "repeatedPaused", "joined" },
    };

    private static KitProfile Recorder(string setting, string value, KitProfile? from = null) => (from ?? KitProfile.Default).With(setting, value).Profile! with { Name = "recorder" };

    /// <summary>The simulator under <paramref name="profile"/>, whatever profile the kit checks against.</summary>
    private static InProcessTarget Pinned(KitProfile profile)
    {
        var target = new InProcessTarget(description: $"a recorder with {string.Join(", ", profile.DifferencesFrom(KitProfile.Default).Select(d => $"{d.Setting}={d.Value}"))}");
        target.Control!.ServerProfile = ProfileJson.Write(profile);
        return target;
    }

    private static async Task<KitResult> CheckAsync(KitProfile server, KitProfile against)
    {
        await using var target = Pinned(server);
        return await new ConformanceKit(target, against, TextWriter.Null) { Seed = 17, Runs = 150 }.RunAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<ProbeResult> ProbeAsync(KitProfile server)
    {
        await using var target = Pinned(server);
        return await new Prober(target, [], [], TimeSpan.Zero).ProbeAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Probes the recorder and reads the profile file it writes, as a user would load it.</summary>
    private static async Task<(ProbeResult Probe, KitProfile Probed)> ProbedProfileAsync(KitProfile server)
    {
        await using var target = Pinned(server);
        return await ProbedProfile.OfAsync(new Prober(target, [], [], TimeSpan.Zero));
    }

    private static string Explain(KitResult result) =>
        string.Join("\n", result.Failures.Select(f => $"{f.Check.Rule} [{string.Join(", ", f.Explained)}] {f.Check.What}: expected {f.Check.Expected}, actual {f.Check.Actual}\n  {string.Join("\n  ", f.Trace)}"));

    /// <summary>
    /// LST-5, DET-2: a link's origin is compared as a URI reads it, as the probe writes linkOrigin (a recorder named
    /// CALLREC01, or one that writes the default port), and its path exactly.
    /// </summary>
    [Theory]
    [InlineData("http://CALLREC01:8080/callrec/restful/couples.xml/1", "http://callrec01:8080/callrec/restful/couples.xml/1")]
    [InlineData("http://myserver:80/callrec/restful/couples.xml/1", "http://myserver/callrec/restful/couples.xml/1")]
    [InlineData("https://rec.example:443/callrec/Restful/couples.xml/1", "https://rec.example/callrec/Restful/couples.xml/1")]
    [InlineData("couples.xml/1", "couples.xml/1")]
    public void A_links_origin_is_compared_as_a_URI_reads_it_and_its_path_exactly(string href, string compared)
    {
        KitProfile.Comparable(href).ShouldBe(compared);
        var end = href.IndexOf("/callrec", StringComparison.Ordinal);
        if (end > 0)
        {
            var origin = ProfileSettings.Origin(href[..end]).ShouldNotBeNull();
            compared.ShouldStartWith(origin + "/", Case.Sensitive, "the origin as the probe writes it");
        }
    }

    [Fact]
    public void Every_setting_the_kit_models_is_in_the_theory()
    {
        var covered = Differences.Select(row => row.Data.Item1).Concat(DifferencesBeside.Select(row => row.Data.Item1)).Concat(ProbeTellsApart.Select(row => row.Data.Item1)).ToHashSet();

        ProfileSettings.All.Where(s => s.Modelled && s.Guessed && s.Name != ProfileSettings.SessionIdleTimeout).Select(s => s.Name).Where(n => !covered.Contains(n)).ShouldBeEmpty();
        var probedOnly = ProbedOnly.Select(row => row.Data.Item1).ToHashSet();
        ProfileSettings.All.Where(s => !s.Guessed && !s.LastResort).Select(s => s.Name).Where(n => !probedOnly.Contains(n)).ShouldBeEmpty();
        var lastResort = LastResort.Select(row => row.Data.Item1).ToHashSet();
        ProfileSettings.All.Where(s => s.LastResort).Select(s => s.Name).ShouldBe(lastResort, ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Differences))]
    [MemberData(nameof(LastResort))]
    public async Task A_recorder_differing_on_one_setting_is_reported_as_that_difference_and_nothing_broken(string setting, string value)
    {
        var result = await CheckAsync(Recorder(setting, value), KitProfile.Default);

        result.Broken.Select(r => r.Rule.Id).ShouldBeEmpty($"no documented rule is broken\n{Explain(result)}");
        result.SettingChanges.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe([$"{setting}={value}"], $"only that setting\n{Explain(result)}");
        result.ExitCode(requireAllChecked: false).ShouldBe(KitResult.ExitDiffers);
    }

    [Theory]
    [MemberData(nameof(DifferencesBeside))]
    public async Task A_recorder_differing_on_one_setting_beside_another_is_reported_as_that_difference_and_probed_so(string setting, string value, string beside, string besideValue)
    {
        var from = KitProfile.Default.With(beside, besideValue).Profile! with { Name = "default" };
        var recorder = Recorder(setting, value, from);

        var result = await CheckAsync(recorder, from);
        var (probe, probed) = await ProbedProfileAsync(recorder);

        result.Broken.Select(r => r.Rule.Id).ShouldBeEmpty($"no documented rule is broken\n{Explain(result)}");
        result.SettingChanges.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe([$"{setting}={value}"], $"only that setting\n{Explain(result)}");
        probed[setting].ShouldBe(value, string.Join("\n", probe.Summary));
        probed.DifferencesFrom(from).Select(d => d.Setting).ShouldBe([setting], "the probe saw the other settings as they are");
        (await CheckAsync(recorder, probed)).Failures.ShouldBeEmpty();
    }

    /// <summary>
    /// SES-5 (inferred: logoutSession): checked against a profile that says a logout ends the login only and keeps the id,
    /// a recorder whose logout of a logged-in session hands out a new id (the session invalidated) differs, and the run
    /// names the value it has.
    /// </summary>
    [Theory]
    [InlineData("fresh")]
    [InlineData("kept")]
    public async Task SES_5_A_logout_that_ends_the_session_differs_from_a_profile_whose_logout_keeps_the_id(string loginSessionId)
    {
        var recorder = Recorder(ProfileSettings.LoginSessionId, loginSessionId);
        var against = recorder.With(ProfileSettings.LogoutSession, "logged-out").Profile! with { Name = "logged-out" };

        var result = await CheckAsync(recorder, against);

        result.Broken.Select(r => r.Rule.Id).ShouldBeEmpty($"no documented rule is broken\n{Explain(result)}");
        result.SettingChanges.Select(c => $"{c.Setting}={c.ServerValue}").ShouldContain("logoutSession=ended", Explain(result));
    }

    /// <summary>
    /// PSE-3 (inferred: errorBody): a recorder that reads a bad paused value as a resume refuses none (PSE-2), so the
    /// probe's first look at a refusal's body tells nothing; its refusal of a resume that changes nothing (409) tells. The
    /// default kept there made the probed profile's own run differ ("it matches errorBody=empty", an independent recorder).
    /// </summary>
    [Fact]
    public async Task PSE_3_On_a_lenient_recorder_the_probe_measures_errorBody_from_the_refusal_of_a_pause_that_changes_nothing()
    {
        var lenient = KitProfile.Default.With(ProfileSettings.PausedParameter, "jaxrs-lenient").Profile!.With(ProfileSettings.UnchangedPauseStatus, "409").Profile!;
        var recorder = Recorder(ProfileSettings.ErrorBody, "empty", lenient);

        var (probe, probed) = await ProbedProfileAsync(recorder);

        probed[ProfileSettings.ErrorBody].ShouldBe("empty", string.Join("\n", probe.Summary));
        probed.DifferencesFrom(recorder).ShouldBeEmpty(string.Join("\n", probe.Summary));
        var result = await CheckAsync(recorder, probed);
        result.Failures.ShouldBeEmpty(Explain(result));
    }

    /// <summary>
    /// PSE-1 (inferred: pauseScope, unchangedPauseReach): a recorder whose pauses reach the whole call but whose pause that
    /// changes nothing reaches no leg, checked against the default profile, differs on pauseScope and breaks nothing
    /// documented; the probe measures both.
    /// </summary>
    [Fact]
    public async Task PSE_1_A_recorder_pausing_whole_calls_whose_unchanged_pause_reaches_no_leg_differs_on_pauseScope_and_is_probed_so()
    {
        var recorder = Recorder(ProfileSettings.UnchangedPauseReach, "named", KitProfile.Default.With(ProfileSettings.PauseScope, "call").Profile);

        var result = await CheckAsync(recorder, KitProfile.Default);
        var (probe, probed) = await ProbedProfileAsync(recorder);

        result.Broken.Select(r => r.Rule.Id).ShouldBeEmpty($"no documented rule is broken\n{Explain(result)}");
        result.SettingChanges.Select(c => $"{c.Setting}={c.ServerValue}").ShouldContain("pauseScope=call", Explain(result));
        result.ExitCode(requireAllChecked: false).ShouldBe(KitResult.ExitDiffers);
        (probed[ProfileSettings.PauseScope], probed[ProfileSettings.UnchangedPauseReach]).ShouldBe(("call", "named"), string.Join("\n", probe.Summary));
    }

    /// <summary>
    /// PSE-1, PSE-3 (inferred: unchangedPauseReach): the probe measures which legs a pause that changes nothing reaches
    /// under every value and answer; where two values answer alike (a success reaches them under success and call, a
    /// refusal none under success and named) it takes success. It leaves the couples as it found them: the leg it started
    /// ended, every couple recording.
    /// </summary>
    [Theory]
    [InlineData("204", "success", "success")]
    [InlineData("204", "call", "success")]
    [InlineData("204", "named", "named")]
    [InlineData("409", "success", "success")]
    [InlineData("409", "call", "call")]
    [InlineData("409", "named", "success")]
    public async Task PSE_3_The_probe_measures_which_legs_a_pause_that_changes_nothing_reaches_and_leaves_the_calls_as_found(string unchangedPauseStatus, string reach, string measured)
    {
        var recorder = KitProfile.Default.With(ProfileSettings.PauseScope, "call").Profile!
            .With(ProfileSettings.UnchangedPauseStatus, unchangedPauseStatus).Profile!
            .With(ProfileSettings.UnchangedPauseReach, reach).Profile! with { Name = "recorder" };
        await using var target = Pinned(recorder);

        var (probe, probed) = await ProbedProfile.OfAsync(new Prober(target, [], [], TimeSpan.Zero));

        probed[ProfileSettings.UnchangedPauseReach].ShouldBe(measured, string.Join("\n", probe.Summary));
        probe.Summary.ShouldContain(line => line.StartsWith(ProfileSettings.UnchangedPauseReach + " = ", StringComparison.Ordinal) && line.Contains("observed", StringComparison.Ordinal));
        var couples = await target.Control!.CouplesAsync(TestContext.Current.CancellationToken);
        couples.Where(c => !c.Ended && c.Paused).ShouldBeEmpty("every couple in progress records");
        couples.MaxBy(c => c.Id)!.Ended.ShouldBeTrue("the leg the probe started last, to join the paused call, has ended");
    }

    [Theory]
    [MemberData(nameof(ProbedOnly))]
    public async Task A_recorder_differing_on_a_setting_only_the_probe_measures_breaks_nothing_documented(string setting, string value)
    {
        var result = await CheckAsync(Recorder(setting, value), KitProfile.Default);

        result.Broken.Select(r => r.Rule.Id).ShouldBeEmpty($"no documented rule is broken\n{Explain(result)}");
        result.ExitCode(requireAllChecked: false).ShouldBe(KitResult.ExitDiffers, "it differs");
        var report = new StringWriter();
        PauseResume.Conformance.Reports.ConsoleReport.Write(report, result, (_, _) => "replay");
        report.ToString().Split('\n').ShouldContain(line => line.Contains("which --probe PATH measures, may", StringComparison.Ordinal) && line.Contains(setting, StringComparison.Ordinal), $"the report points to the probe\n{report}");
    }

    /// <summary>
    /// A value no run guesses: without the probe the kit may name other settings for it (a 400 to a resume of a recording
    /// couple looks like a place paused is not read), but it breaks no documented rule.
    /// </summary>
    [Theory]
    [MemberData(nameof(MeasuredOnly))]
    public async Task A_recorder_with_a_value_only_the_probe_measures_breaks_nothing_documented(string setting, string value)
    {
        var result = await CheckAsync(Recorder(setting, value), KitProfile.Default);

        result.Broken.Select(r => r.Rule.Id).ShouldBeEmpty($"no documented rule is broken\n{Explain(result)}");
        result.ExitCode(requireAllChecked: false).ShouldBe(KitResult.ExitDiffers, "it differs");
        result.SettingChanges.ShouldNotContain(c => c.Setting == setting, "never guessed");
    }

    [Theory]
    [MemberData(nameof(Differences))]
    [MemberData(nameof(ProbedOnly))]
    [MemberData(nameof(LastResort))]
    [MemberData(nameof(MeasuredOnly))]
    [MemberData(nameof(ProbeTellsApart))]
    public async Task Probe_then_profile_then_kit_passes_and_the_simulator_answers_the_probe_as_the_recorder_did(string setting, string value)
    {
        var recorder = Recorder(setting, value);
        var (probe, probed) = await ProbedProfileAsync(recorder);

        probed[setting].ShouldBe(value, string.Join("\n", probe.Summary));
        probed.DifferencesFrom(KitProfile.Default).Select(d => d.Setting).ShouldBe([setting], "the probe saw the other settings at their defaults");
        var result = await CheckAsync(recorder, probed);
        result.Failures.ShouldBeEmpty(Explain(result));
        var again = await ProbeAsync(probed);
        again.Answers.Select(a => a.ToString()).ShouldBe(probe.Answers.Select(a => a.ToString()), "the simulator under the probed profile answers every probe request as the recorder did");
    }

    /// <summary>
    /// SES-4: under sessionsPerUser=one the same user's second login ends the session it named either way, so the probe
    /// kept successfulLoginSession at its default, and a run then found it otherwise (an independent recorder). Another
    /// user's login over the first user's session tells it.
    /// </summary>
    [Theory]
    [InlineData("unchanged")]
    [InlineData("replaced")]
    public async Task SES_4_Under_one_session_per_user_the_probe_measures_successfulLoginSession_with_another_users_login(string value)
    {
        var recorder = Recorder(ProfileSettings.SessionsPerUser, "one").With(ProfileSettings.SuccessfulLoginSession, value).Profile! with { Name = "recorder" };

        var (probe, probed) = await ProbedProfileAsync(recorder);

        var summary = string.Join("\n", probe.Summary);
        probed[ProfileSettings.SuccessfulLoginSession].ShouldBe(value, summary);
        probed.Measured.ShouldContain(ProfileSettings.SuccessfulLoginSession, summary);
        summary.ShouldContain("after another user's login that works named a logged-in session and got a new id");
    }

    /// <summary>
    /// A recorder with a value only the probe tells from another, checked against the default profile, differs on that
    /// setting and breaks nothing; where the run met no scenario that tells the two apart, it names both (refusalOrder:
    /// a recorder that checks the pause right and the masks before it looks the couple up is masks-first "or
    /// rights-and-masks-first"; loginSessionId: kept "or on-success"), never the other alone.
    /// </summary>
    [Theory]
    [MemberData(nameof(ProbeTellsApart))]
    public async Task A_recorder_with_a_value_only_the_probe_tells_apart_differs_on_its_setting_and_the_run_names_that_value(string setting, string value)
    {
        var result = await CheckAsync(Recorder(setting, value), KitProfile.Default);

        result.Broken.Select(r => r.Rule.Id).ShouldBeEmpty($"no documented rule is broken\n{Explain(result)}");
        var change = result.SettingChanges.ShouldHaveSingleItem(Explain(result));
        change.Setting.ShouldBe(setting, Explain(result));
        result.Named(change).ShouldContain(value, Case.Sensitive, Explain(result));
        result.ExitCode(requireAllChecked: false).ShouldBe(KitResult.ExitDiffers);
    }

    [Theory]
    [MemberData(nameof(LenientDifferences))]
    public async Task A_lenient_recorder_differing_on_where_or_which_paused_it_reads_is_that_difference_and_nothing_broken(string setting, string value)
    {
        var result = await CheckAsync(Recorder(setting, value, KitProfile.JaxRsLenient), KitProfile.JaxRsLenient);

        result.Broken.Select(r => r.Rule.Id).ShouldBeEmpty($"PSE-1, PSE-4: no documented rule is broken\n{Explain(result)}");
        result.SettingChanges.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe([$"{setting}={value}"], $"only that setting\n{Explain(result)}");
    }

    [Theory]
    [MemberData(nameof(LenientDifferences))]
    public async Task The_probe_finds_where_and_which_paused_a_lenient_recorder_reads_and_the_kit_then_passes(string setting, string value)
    {
        var recorder = Recorder(setting, value, KitProfile.JaxRsLenient);

        var (probe, probed) = await ProbedProfileAsync(recorder);

        probed[setting].ShouldBe(value, string.Join("\n", probe.Summary));
        probed.DifferencesFrom(KitProfile.JaxRsLenient).Select(d => d.Setting).ShouldBe([setting], string.Join("\n", probe.Summary));
        var result = await CheckAsync(recorder, probed);
        result.Failures.ShouldBeEmpty(Explain(result));
    }

    /// <summary>
    /// A recorder that checks a direction before the login (badDirectionOrder=before-login, as a framework's conversion
    /// does) but a bad <c>paused</c> right after it (badPausedOrder=after-login, as a resource method that reads it
    /// first does): the probe measures each, and a run against the probed profile passes.
    /// </summary>
    [Fact]
    public async Task LST_6_PSE_2_A_recorder_that_places_its_two_bad_parameters_differently_is_probed_and_then_passes()
    {
        // Arrange
        var recorder = Recorder(ProfileSettings.BadDirectionOrder, "before-login").With(ProfileSettings.BadPausedOrder, "after-login").Profile!;
        var (probe, probed) = await ProbedProfileAsync(recorder);

        // Act
        var result = await CheckAsync(recorder, probed);

        // Assert
        probed.Measured.ShouldContain(ProfileSettings.BadDirectionOrder);
        probed.Measured.ShouldContain(ProfileSettings.BadPausedOrder);
        (probed.BadDirectionOrder, probed.BadPausedOrder).ShouldBe(("before-login", "after-login"), string.Join("\n", probe.Summary));
        result.Failures.ShouldBeEmpty(Explain(result));
    }

    /// <summary>
    /// A recorder whose resource method checks its user's rights, then reads <c>paused</c>, then finds the couple
    /// (badPausedOrder=before-couple under refusalOrder=rights-first): the account without Call List, whose login its own
    /// invalid direction proves (badDirectionOrder=after-login), tells it from a check right after the login, and a run
    /// against the probed profile passes.
    /// </summary>
    [Theory]
    [InlineData("rights-first")]
    [InlineData("call-list-first")]
    [InlineData("masks-first")]
    [InlineData("rights-and-masks-first")]
    public async Task PSE_2_A_recorder_that_checks_paused_after_the_rights_and_before_the_couple_is_probed_and_then_passes(string refusalOrder)
    {
        // Arrange
        var recorder = Recorder(ProfileSettings.RefusalOrder, refusalOrder).With(ProfileSettings.BadDirectionOrder, "after-login").Profile!
            .With(ProfileSettings.BadPausedOrder, "before-couple").Profile!;
        var (probe, probed) = await ProbedProfileAsync(recorder);

        // Act
        var result = await CheckAsync(recorder, probed);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        probed.Measured.ShouldContain(ProfileSettings.BadPausedOrder, summary);
        probed.BadPausedOrder.ShouldBe("before-couple", summary);
        summary.ShouldContain("login took", Case.Sensitive);
        result.Failures.ShouldBeEmpty(Explain(result));
    }

    /// <summary>
    /// PSE-2, PSE-3: a recorder that takes the first of two values and refuses a request that changes nothing with 409
    /// answers 'paused=false&amp;paused=true' on a recording couple with that 409 (a resume that changes nothing): the
    /// probe, having just measured the 409, reads it as the first value taken (it once kept refused: "fits no value").
    /// </summary>
    [Fact]
    public async Task PSE_2_A_recorder_that_refuses_a_no_op_with_409_is_probed_as_reading_the_first_value()
    {
        // Arrange
        var recorder = Recorder(ProfileSettings.UnchangedPauseStatus, "409").With(ProfileSettings.RepeatedPaused, "first").Profile!;
        var (probe, probed) = await ProbedProfileAsync(recorder);

        // Act
        var result = await CheckAsync(recorder, probed);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        probed.Measured.ShouldContain(ProfileSettings.RepeatedPaused, summary);
        probed.RepeatedPaused.ShouldBe("first", summary);
        result.Failures.ShouldBeEmpty(Explain(result));
    }

    /// <summary>
    /// A run against a probed profile takes what the probe observed as facts: a recorder that no longer does what the
    /// file says it was seen doing (here, a file that says a bad <c>paused</c> is refused after every access check, on a
    /// recorder that refuses it right after the login check) differs in a way no setting describes. The run never names
    /// another value of a setting the probe measured (it once named pausedParameter=jaxrs-lenient, on a recorder the
    /// probe had seen strict).
    /// </summary>
    [Fact]
    public async Task A_run_against_a_probed_profile_never_names_a_value_of_a_setting_the_probe_measured()
    {
        // Arrange: the probe's file, with one measured value other than the recorder's
        var recorder = Recorder(ProfileSettings.BadDirectionOrder, "before-login").With(ProfileSettings.BadPausedOrder, "after-login").Profile!;
        var (_, probed) = await ProbedProfileAsync(recorder);
        probed = probed.With(ProfileSettings.BadPausedOrder, "after-access").Profile! with { Measured = probed.Measured };

        // Act
        var result = await CheckAsync(recorder, probed);

        // Assert
        probed.Measured.ShouldContain(ProfileSettings.BadPausedOrder);
        probed.Measured.ShouldContain(ProfileSettings.PausedParameter);
        result.Broken.Select(r => r.Rule.Id).ShouldBeEmpty(Explain(result));
        result.Failures.ShouldNotBeEmpty("PSE-2: the recorder refuses a bad paused right after the login check, where the file says after every access check");
        result.SettingChanges.Where(c => probed.Measured.Contains(c.Setting)).ShouldBeEmpty($"a setting the probe measured is a fact, not a guess\n{Explain(result)}");
    }

    /// <summary>
    /// The account without Call List logs in without a word either way (SES-3), and nothing it may ask for answers other
    /// than 403 whether it is logged in or not: where its login did not take (a wrong password given to the kit, say) a
    /// 403 to its invalid direction is no measurement of badDirectionOrder, which keeps its default. badPausedOrder is told
    /// to come before the couple by the main account on a couple that does not exist; that account's 403 to the same
    /// pause fits a check after Call List (before-couple), which the profile takes without calling it observed.
    /// </summary>
    [Fact]
    public async Task LST_6_PSE_2_A_login_without_Call_List_that_did_not_take_measures_no_order()
    {
        // Arrange: a recorder that checks both parameters right after the login check; the probe's no-Call-List login fails
        var recorder = Recorder(ProfileSettings.BadDirectionOrder, "after-login").With(ProfileSettings.BadPausedOrder, "after-login").Profile!;
        var target = new InProcessTarget((_, inner) => new Tests.Support.Rewriting(async (request, send) =>
            Tests.Support.Rewriting.Is(request, "POST", "/loginAction.do") && (await Tests.Support.Rewriting.FormOf(request)).Contains("login=probe-none", StringComparison.Ordinal)
                ? await send(Tests.Support.Rewriting.WithForm(request, "login=probe-none&password=not-the-password"))
                : await send(request)) { InnerHandler = inner }, "a recorder on which the account without Call List cannot log in");
        target.Control!.ServerProfile = ProfileJson.Write(recorder);

        // Act
        ProbeResult probe;
        await using (target)
        {
            probe = await new Prober(target, [], [], TimeSpan.Zero).ProbeAsync(TestContext.Current.CancellationToken);
        }

        // Assert
        var probed = ProfileJson.Read(System.Text.Json.JsonDocument.Parse(probe.Json).RootElement);
        probed.Measured.ShouldNotContain(ProfileSettings.BadDirectionOrder, string.Join("\n", probe.Summary));
        probed.BadDirectionOrder.ShouldBe("after-access", "LST-6: the default kept");
        probe.Summary.ShouldContain(line => line.StartsWith("badDirectionOrder = after-access   default kept", StringComparison.Ordinal) && line.Contains("did not take", StringComparison.Ordinal));
        probed.Measured.ShouldNotContain(ProfileSettings.BadPausedOrder, string.Join("\n", probe.Summary));
        probed.BadPausedOrder.ShouldBe("before-couple", "PSE-2: before the couple, by the main account; the 403 of an account whose login did not take fits a check after Call List");
        probe.Summary.ShouldContain(line => line.StartsWith("badPausedOrder = before-couple   not proven", StringComparison.Ordinal) && line.Contains("did not take", StringComparison.Ordinal));
    }

    /// <summary>
    /// PSE-2: the 403 of the account without Call List to a bad <c>paused</c> is before-couple only where that very session
    /// is logged in; an earlier login of that account proves nothing of a later one (a session cap, a lockout). Here its
    /// logins stop working once the probe measures badPausedOrder, on a recorder that checks paused right after the login.
    /// </summary>
    [Fact]
    public async Task PSE_2_A_login_without_Call_List_that_stops_taking_proves_no_before_couple()
    {
        // Arrange
        var recorder = Recorder(ProfileSettings.BadDirectionOrder, "after-login").With(ProfileSettings.BadPausedOrder, "after-login").Profile!;
        var measuring = false;
        var target = new InProcessTarget((_, inner) => new Tests.Support.Rewriting(async (request, send) =>
        {
            var form = request.Content is null ? string.Empty : await Tests.Support.Rewriting.FormOf(request);
            measuring |= Tests.Support.Rewriting.IsPausedState(request) && form == "pause=true" && Tests.Support.Rewriting.SessionOf(request) is not null;
            return measuring && Tests.Support.Rewriting.Is(request, "POST", "/loginAction.do") && form.Contains("login=probe-none", StringComparison.Ordinal)
                ? await send(Tests.Support.Rewriting.WithForm(request, "login=probe-none&password=not-the-password"))
                : await send(request);
        }) { InnerHandler = inner }, "a recorder on which the account without Call List cannot log in after a while");
        target.Control!.ServerProfile = ProfileJson.Write(recorder);

        // Act
        ProbeResult probe;
        await using (target)
        {
            probe = await new Prober(target, [], [], TimeSpan.Zero).ProbeAsync(TestContext.Current.CancellationToken);
        }

        // Assert
        var probed = ProfileJson.Read(System.Text.Json.JsonDocument.Parse(probe.Json).RootElement);
        var summary = string.Join("\n", probe.Summary);
        probed.Measured.ShouldContain(ProfileSettings.BadDirectionOrder, summary);
        probed.Measured.ShouldNotContain(ProfileSettings.BadPausedOrder, summary);
        probe.Summary.ShouldContain(line => line.StartsWith("badPausedOrder = before-couple   not proven", StringComparison.Ordinal));
        System.Text.Json.JsonDocument.Parse(probe.Json).RootElement.GetProperty("probe").GetProperty("settings").GetProperty(ProfileSettings.BadPausedOrder).GetProperty("proven").GetBoolean().ShouldBeFalse();
    }

    /// <summary>
    /// LST-6, SES-1: a recorder that reads an empty direction as none, against a profile that calls it invalid and checks
    /// it right after the login: an account without Call List gets its 403 where the profile expected the invalid
    /// direction's 404. No login of such an account can be proven, so that 403 differs on the direction's inferred
    /// reading; where the probe had measured badDirectionOrder, it once said SES-1 (documented) was broken.
    /// </summary>
    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task LST_6_An_account_without_Call_List_refused_where_an_invalid_direction_was_expected_breaks_no_login(int seed)
    {
        // Arrange: the profile as a probe wrote it, badDirectionOrder measured (so no run guesses it otherwise)
        var against = KitProfile.Default.With(ProfileSettings.BadDirectionOrder, "after-login").Profile! with { Measured = [ProfileSettings.BadDirectionOrder] };
        var recorder = against.With(ProfileSettings.EmptyDirection, "none").Profile! with { Name = "recorder" };
        await using var target = Pinned(recorder);

        // Act
        var result = await new ConformanceKit(target, against, TextWriter.Null) { Seed = seed, Runs = 150 }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.Select(r => r.Rule.Id).ShouldBeEmpty(Explain(result));
        result.Differing.Select(r => r.Rule.Id).ShouldContain("LST-6", Explain(result));
    }

    /// <summary>
    /// LST-6: a recorder that reads an empty direction as none and refuses an invalid one (400) before the login check.
    /// An account without Call List listing with an empty direction gets its 403, which invalidDirectionStatus=403 fits
    /// alone and contradicts the 400 explained before: the check was put down to the login (SES-1), and emptyDirection
    /// (LST-6, only the probe measures it), which explains both, was not named beside it; the run called
    /// invalidDirectionStatus undecided and named nothing else.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public async Task LST_6_An_empty_direction_read_as_none_is_named_where_a_refusal_was_put_down_to_the_login(int seed)
    {
        // Arrange
        var recorder = KitProfile.Default.With(ProfileSettings.EmptyDirection, "none").Profile!
            .With(ProfileSettings.InvalidDirectionStatus, "400").Profile!.With(ProfileSettings.BadDirectionOrder, "before-login").Profile! with { Name = "recorder" };
        await using var target = Pinned(recorder);

        // Act
        var result = await new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = seed, Runs = 150 }.RunAsync(TestContext.Current.CancellationToken);

        // Assert: a value the recorder does not have is named only beside emptyDirection=none; a difference nothing the run
        // tries explains names emptyDirection among the settings the probe measures
        result.Broken.Select(r => r.Rule.Id).ShouldBeEmpty(Explain(result));
        result.Failures.ShouldNotBeEmpty("the recorder differs from the default profile on LST-6");
        foreach (var failure in result.Failures)
        {
            if (failure.Explained.Count == 0)
            {
                failure.Check.ProbedOnlySettings().ShouldContain(ProfileSettings.EmptyDirection, Explain(result));
            }
            else if (failure.Explained.Any(c => recorder[c.Setting] != c.ServerValue))
            {
                failure.Alternatives.ShouldContain(new SettingChange(ProfileSettings.EmptyDirection, "invalid", "none"), Explain(result));
            }
        }
    }

    [Theory]
    [InlineData("""{"badPausedOrder":"before-login","badPausedOrder":"after-access"}""", "badPausedOrder")]
    [InlineData("""{"refusalOrder":"couple-first","RefusalOrder":"rights-first"}""", "refusalOrder")]
    public void A_profile_file_that_gives_a_setting_twice_is_refused_naming_it(string json, string twice) =>
        Should.Throw<FormatException>(() => ProfileJson.Read(System.Text.Json.JsonDocument.Parse(json).RootElement))
            .Message.ShouldBe($"{twice} is given more than once: a profile gives each setting once");

    [Fact]
    public async Task A_profile_file_written_by_the_probe_is_read_by_the_kits_command_line()
    {
        var probe = await ProbeAsync(Recorder("refusalOrder", "couple-first"));
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, probe.Json, TestContext.Current.CancellationToken);

        var options = KitOptions.Parse(["--profile-file", path, "--set", "unknownPathStatus=400"], 1, out var error);
        File.Delete(path);

        error.ShouldBeNull();
        var profile = options!.ProfileFor(null);
        profile["refusalOrder"].ShouldBe("couple-first");
        profile["unknownPathStatus"].ShouldBe("400");
        profile.Name.ShouldBe("probed+");
    }

    /// <summary>
    /// badParameterOrder, the one setting before badDirectionOrder (LST-6) and badPausedOrder (PSE-2) were told apart,
    /// still reads as both; a probe of then measured it on the list alone, so only badDirectionOrder counts as measured.
    /// </summary>
    [Fact]
    public void LST_6_PSE_2_A_profile_file_with_the_one_badParameterOrder_still_reads_as_both_settings()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """
            { "name": "probed", "badParameterOrder": "after-login",
              "probe": { "settings": { "badParameterOrder": { "value": "after-login", "observed": true, "how": "…" } } } }
            """);

        var options = KitOptions.Parse(["--profile-file", path, "--set", "badParameterOrder=before-login"], 1, out var error);
        var read = ProfileJson.ReadFile(path);
        File.Delete(path);

        error.ShouldBeNull();
        (read.BadDirectionOrder, read.BadPausedOrder).ShouldBe(("after-login", "after-login"));
        read.Measured.ShouldBe([ProfileSettings.BadDirectionOrder]);
        var set = options!.ProfileFor(null);
        (set.BadDirectionOrder, set.BadPausedOrder).ShouldBe(("before-login", "before-login"));
        foreach (var both in new[] { """{"badPausedOrder":"before-login","badParameterOrder":"after-login"}""", """{"badParameterOrder":"after-login","badPausedOrder":"before-login"}""" })
        {
            var newer = ProfileJson.Read(System.Text.Json.JsonDocument.Parse(both).RootElement);
            (newer.BadDirectionOrder, newer.BadPausedOrder).ShouldBe(("after-login", "before-login"), $"the newer setting wins wherever it stands: {both}");
        }

        KitProfile.Default.With("badParameterOrder", "after-masks").Error.ShouldBe(
            "badParameterOrder (which sets badDirectionOrder and badPausedOrder) must be after-access, after-login, before-login, not 'after-masks' (LST-6, PSE-2)");
    }
}
