using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Reports;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Reports;

/// <summary>What the console says to do after a difference: probe the server only where no probe wrote the profile.</summary>
public sealed class ConsoleReportTests
{
    private static string Report(Check check, IReadOnlySet<string> measured, params SettingChange[] explained)
    {
        var result = Differences.Result(Differences.Of(check, explained)) with { Measured = measured };
        var output = new StringWriter();
        ConsoleReport.Write(output, result, (_, _) => "replay");
        return output.ToString() + "\n" + result.Verdict;
    }

    private static Check Inferred(string rule, string what) => new(rule, false, what, "204", "409", InferredPart: true);

    [Theory]
    [InlineData("", "what it does: --probe PATH records this server's profile and --profile-file PATH checks against it; or --set unchangedPauseStatus=409\n")]
    [InlineData("pausedLocation", "what it does: the probe that wrote profile 'default' did not measure unchangedPauseStatus (its notes say why): --set unchangedPauseStatus=409, or write the value into the profile file\n")]
    [InlineData("unchangedPauseStatus", "what it does: the probe measured unchangedPauseStatus otherwise than this scenario found: probe again, or --set unchangedPauseStatus=409\n")]
    public void A_difference_a_setting_describes_asks_for_a_probe_only_where_none_wrote_the_profile(string measured, string advice)
    {
        // Act
        var report = Report(Inferred("PSE-3", "a pause of a paused couple succeeds"), measured.Length == 0 ? new HashSet<string>() : new HashSet<string> { measured }, new SettingChange(ProfileSettings.UnchangedPauseStatus, "204", "409"));

        // Assert
        report.ShouldContain(advice, Case.Sensitive, report);
        (report.Contains("--probe records what it does", StringComparison.Ordinal)).ShouldBe(measured.Length == 0, report);
    }

    /// <summary>
    /// SES-5: a difference no value a run tries describes names the settings of its rule only the probe measures, setting
    /// by setting as the rule's line does: one the probe measured does not describe it, one it kept at its default may (a
    /// probed profile once made the console say the probe had measured logoutPage where it had kept it).
    /// </summary>
    [Theory]
    [InlineData("", "no setting the run tries describes this answer; logoutPage, which --probe PATH measures, may")]
    [InlineData("pauseScope", "no setting the run tries describes this answer; logoutPage, which --probe PATH measures, may")]
    [InlineData("logoutPage", "no setting the run tries describes this answer, nor do the values of logoutPage (settings a run leaves to the probe) that the probe that wrote profile 'default' measured")]
    public void SES_5_A_difference_no_value_describes_names_the_probed_only_settings_the_probe_did_not_measure(string measured, string advice)
    {
        // Act
        var report = Report(new Check("SES-5", false, "the logout answer", "the login page", "a page of its own", InferredPart: true), measured.Length == 0 ? new HashSet<string>() : new HashSet<string> { measured });

        // Assert
        report.ShouldContain(advice, Case.Sensitive, report);
    }

    /// <summary>
    /// DET-3: the details of a couple that has ended, served (endedCoupleDetails=served): the probe measures that only where
    /// it can end a call (a simulator), so the advice to probe says the --set is what a real recorder needs.
    /// </summary>
    [Fact]
    public void DET_3_A_difference_only_a_call_that_ends_tells_says_the_probe_measures_it_only_on_a_simulator()
    {
        // Act
        var report = Report(new Check("DET-3", false, "couple 24197 is not in progress", "404", "200", InferredPart: true), new HashSet<string>(), new SettingChange(ProfileSettings.EndedCoupleDetails, "status", "served"));

        // Assert
        report.ShouldContain("checks against it (but for endedCoupleDetails: it needs a call that ends while it works, which a real recorder's may not); or --set endedCoupleDetails=served", Case.Sensitive, report);
    }

    /// <summary>
    /// LST-6: a direction accepted without its value, put down to directionWithoutValue=ignored, may as well be a server
    /// that accepts directions in any case (directionCase=any), which a run never guesses: the --set is offered as the
    /// value that fits, with the setting only the probe measures beside it.
    /// </summary>
    [Fact]
    public void LST_6_A_difference_a_guessed_value_explains_names_the_settings_only_the_probe_measures_as_well()
    {
        // Act
        var report = Report(new Check("LST-6", false, "an invalid direction", "404", "200", InferredPart: true), new HashSet<string>(), new SettingChange(ProfileSettings.DirectionWithoutValue, "checked", "ignored"));

        // Assert
        report.ShouldContain("--set directionWithoutValue=ignored (directionCase", Case.Sensitive, report);
        report.ShouldContain("which only --probe measures, may describe it as well)", Case.Sensitive, report);
    }

    /// <summary>PSE-2: errorBody decides a refusal's body, never its status, so a status no setting explains is not put to it; a body is.</summary>
    [Theory]
    [InlineData("400", "200", false)]
    [InlineData("a message naming the rule", "an empty body", true)]
    public void PSE_2_errorBody_is_named_as_what_the_probe_may_find_only_for_a_body(string expected, string actual, bool named)
    {
        // Act
        var report = Report(new Check("PSE-2", false, "'paused=true&paused=false' gives paused twice", expected, actual, InferredPart: true), new HashSet<string>());

        // Assert
        report.Contains(ProfileSettings.ErrorBody, StringComparison.Ordinal).ShouldBe(named, report);
    }

    /// <summary>PSE-4, DET-3: a grant or refusal no setting a run tries explains may be maskScope's (the masks decide access to a call's legs), which the probe measures.</summary>
    [Theory]
    [InlineData("PSE-4")]
    [InlineData("DET-3")]
    public void A_grant_the_access_rules_did_not_predict_points_to_maskScope(string rule)
    {
        // Act
        var report = Report(new Check(rule, false, "couple 2 is outside the phone masks of agent", "404", "200", InferredPart: true), new HashSet<string>());

        // Assert
        report.ShouldContain("maskScope", Case.Sensitive, report);
        report.ShouldNotContain(ProfileSettings.EndedCoupleDetails, Case.Sensitive, "a run guesses it, and the probe cannot end a real recorder's call");
    }

    [Fact]
    public void PSE_1_A_details_lag_past_settle_is_told_to_raise_settle_not_that_no_setting_describes_it()
    {
        // Act
        var report = Report(Inferred("PSE-1", "couple 1 is paused after this step within --settle") with { Timing = true, Neutral = true }, new HashSet<string>());

        // Assert
        report.ShouldContain("what it does: its details show a pause or resume later than --settle allows; run with the --settle this names", Case.Sensitive, report);
        report.ShouldNotContain("no profile setting describes this answer");
        report.ShouldNotContain("no setting value describes it", Case.Sensitive, "a lag is no setting's business: --settle is the lag a run allows");
        report.ShouldContain("Rule PSE-1 differs on its timing (inferred): the details show a pause or resume later than --settle allows");
        report.ShouldContain("later than --settle allows: the PSE-1 line names the --settle to run with", Case.Sensitive, "the verdict line says what differs");
    }

    [Fact]
    public void SES_6_A_session_that_expired_after_an_idle_of_seconds_is_told_as_the_idle_timeout_not_as_the_details_lag()
    {
        // Act
        var report = Report(Inferred("SES-6", "a pause or resume, in the session admin logged in to, after it went without a request for a second or more") with { Timing = true }, new HashSet<string>());

        // Assert
        report.ShouldContain("Rule SES-6 differs on its timing (inferred): a session that went 0.8 s or more without a request was refused as if it had expired", Case.Sensitive, report);
        report.ShouldContain("what it does: its sessions seem to expire after a shorter idle than the profile's sessionIdleTimeout", Case.Sensitive, report);
        report.ShouldNotContain("--settle", Case.Sensitive, "an expiry is no details lag");
    }
}
