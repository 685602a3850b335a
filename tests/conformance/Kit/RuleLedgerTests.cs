using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// A difference is listed under the rule of the setting that explains it. When a later failure replaces a first guess
/// with settings that fit every failure, the difference must follow the settings that explain it now.
/// </summary>
public sealed class RuleLedgerTests
{
    private static Failure Failed(string rule, string what, params SettingChange[] explained) =>
        Differences.Of(new Check(rule, false, what, "400", "403", InferredPart: true), explained);

    [Fact]
    public void LST_3_Checks_that_tell_its_distinctive_part_are_counted_apart_and_the_fewer_decide_where_scenarios_are_aimed()
    {
        // Arrange: five passes of LST-3, two of them with a direction that tells, and one that tells but failed
        var ledger = new RuleLedger();
        var lst3 = Conformance.Rules.RuleCatalogue.Get("LST-3");
        foreach (var tells in new[] { false, true, false, true, false })
        {
            ledger.Record(new Check("LST-3", true, "the couples listed", "24197", "24197") { TellsPart = tells });
        }

        ledger.Record(new Check("LST-3", false, "the couples listed", "", "24197") { TellsPart = true });
        ledger.Record(new Check("LST-1", true, "the couples listed", "24197", "24197"));

        // Act
        var least = ledger.LeastChecks(lst3);
        var detail = ledger.Results().Single(r => r.Rule.Id == "LST-3").Detail;

        // Assert
        least.ShouldBe(2);
        ledger.LeastChecks(Conformance.Rules.RuleCatalogue.Get("LST-1")).ShouldBe(1, "a rule that names no part is counted whole");
        detail.ShouldStartWith($"5 check(s) passed, 2 of them {lst3.Part}");
    }

    /// <summary>
    /// PSE-1: a lag measured before the scenarios (under --settle 0) differs on its own, and is said beside a difference a
    /// scenario met on the same rule (a review found it dropped there, the verdict's word on --settle with it).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PSE_1_A_lag_measured_outside_the_scenarios_is_said_whatever_else_the_rule_met(bool scenarioDiffered)
    {
        // Arrange
        var ledger = new RuleLedger();
        ledger.DiffersAsMeasured("PSE-1", "differs on its timing: measured; run with --settle 1.2");
        if (scenarioDiffered)
        {
            ledger.Fail(Failed("PSE-1", "the other leg shows paused", new SettingChange(ProfileSettings.PauseScope, "couple", "call")));
        }

        // Act
        var pse1 = ledger.Results().Single(r => r.Rule.Id == "PSE-1");

        // Assert
        pse1.Status.ShouldBe(RuleStatus.Differs);
        pse1.Detail.ShouldEndWith("run with --settle 1.2");
        pse1.Measured.ShouldNotBeNull();
        (pse1.Failure is not null).ShouldBe(scenarioDiffered);
    }

    /// <summary>
    /// SES-5: a difference no value a run tries describes may be one of a setting only the probe measures (logoutPage=own):
    /// the rule's line names it, as the console report does, unless the probe that wrote the profile measured it (a run
    /// against an independent recorder said "no setting value describes it" where logoutPage=own did).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SES_5_A_difference_no_value_a_run_tries_describes_names_the_settings_only_the_probe_measures(bool measured)
    {
        // Arrange
        var ledger = new RuleLedger();
        ledger.Fail(Differences.Of(new Check("SES-5", false, "the logout answer", "the login page", "a page of its own", InferredPart: true), []));

        // Act
        var detail = ledger.Results(measured ? new HashSet<string> { ProfileSettings.LogoutPage } : null).Single(r => r.Rule.Id == "SES-5").Detail;

        // Assert
        if (measured)
        {
            detail.ShouldBe("differs from the profile, and no setting value describes it: the logout answer");
        }
        else
        {
            detail.ShouldBe("differs from the profile, and no setting value a run tries describes it (logoutPage, which the probe measures, may): the logout answer");
        }
    }

    [Fact]
    public void PSE_3_A_conflicting_paused_first_guessed_as_pausedLocation_and_then_explained_by_repeatedPaused_is_a_difference_in_PSE_2_only()
    {
        // Arrange: the first guess (the body is not read) fits the one step and every failure before it; a later
        // failure shows the body is read
        var ledger = new RuleLedger();
        ledger.Fail(Failed("PSE-2", "'paused=true&paused=false' gives paused twice (repeatedPaused=refused)", new SettingChange(ProfileSettings.PausedLocation, "form-and-query", "query")), fitsAll: true);
        ledger.Supersede([new SettingChange(ProfileSettings.PausedParameter, "strict", "jaxrs-lenient"), new SettingChange(ProfileSettings.PausedLocation, "form-and-query", "query")]);

        // Act
        ledger.Supersede([new SettingChange(ProfileSettings.PausedParameter, "strict", "jaxrs-lenient"), new SettingChange(ProfileSettings.RepeatedPaused, "refused", "first")]);

        // Assert
        var results = ledger.Results();
        results.Single(r => r.Rule.Id == "PSE-3").Status.ShouldNotBe(RuleStatus.Differs, "PSE-3: pausedLocation is the profile's in the end, so where paused is read does not differ");
        results.Single(r => r.Rule.Id == "PSE-2").Status.ShouldBe(RuleStatus.Differs, "PSE-2: repeatedPaused=first explains the conflicting values");
    }

    [Fact]
    public void PSE_3_A_difference_whose_guess_the_settings_that_fit_every_failure_keep_stays_under_that_setting_rule()
    {
        // Arrange: a pause in the query that resumed, put down to pausedLocation=form, which every later failure keeps
        var ledger = new RuleLedger();
        ledger.Fail(Failed("PSE-2", "couple 24197 shows paused=true afterwards", new SettingChange(ProfileSettings.PausedLocation, "form-and-query", "form")), fitsAll: true);

        // Act
        ledger.Supersede([new SettingChange(ProfileSettings.PausedParameter, "strict", "jaxrs-lenient"), new SettingChange(ProfileSettings.PausedLocation, "form-and-query", "form")]);

        // Assert
        ledger.Results().Single(r => r.Rule.Id == "PSE-3").Status.ShouldBe(RuleStatus.Differs, "PSE-3: pausedLocation=form still explains it");
    }

    [Fact]
    public void SES_4_A_difference_two_values_fitted_alike_follows_the_one_a_later_failure_shows_the_server_has()
    {
        // Arrange: a login in the query that left the session logged in, fitted alike by "the query is read" and "a failed
        // login leaves the session as it was"; a later failure (another rule's) is explained with the second value
        var ledger = new RuleLedger();
        var guess = new SettingChange(ProfileSettings.LoginParameters, "form", "form-and-query");
        var alike = new SettingChange(ProfileSettings.FailedLoginSession, "logged-out", "unchanged");
        ledger.Fail(Failed("SES-4", "listing without a logged-in session", guess) with { Alternatives = [alike] }, fitsAll: true);
        var later = new SettingChange(ProfileSettings.UnseenCouples, "listed", "omitted");

        // Act
        ledger.Supersede([alike, later], [later]);

        // Assert
        var differs = ledger.Failures.Single(f => f.Check.Rule == "SES-4");
        differs.Explained.ShouldBe([alike], "the value that fitted as well, which the server turned out to have, explains it");
        differs.Alternatives.ShouldBeEmpty();
    }

    [Fact]
    public void SES_4_A_value_that_fitted_alike_explains_a_difference_once_another_failure_shows_it_even_where_the_guess_still_fits()
    {
        // Arrange: as above, but the later failure is explained with the second value while the guess still fits everything
        var ledger = new RuleLedger();
        var guess = new SettingChange(ProfileSettings.LoginParameters, "form", "form-and-query");
        var alike = new SettingChange(ProfileSettings.FailedLoginSession, "logged-out", "unchanged");
        ledger.Fail(Failed("SES-4", "listing without a logged-in session", guess) with { Alternatives = [alike] }, fitsAll: true);

        // Act
        ledger.Supersede([guess, alike], [alike]);

        // Assert
        ledger.Failures.Single().Explained.ShouldBe([alike], "one setting explains both failures; the guess explained only this one");
    }

    [Fact]
    public void PSE_3_Values_that_fit_alike_are_all_named_in_the_report()
    {
        // Arrange: a PUT whose body is not read fits "only the query is read" and "only a POST's body is read" alike
        var failure = Failed("PSE-3", "paused=true|false is read from the form body of a PUT", new SettingChange(ProfileSettings.PausedLocation, "form-and-query", "query"))
            with { Alternatives = [new SettingChange(ProfileSettings.PausedLocation, "form-and-query", "post-form-and-query")] };
        var output = new StringWriter();
        var result = Differences.Result(failure);

        // Act
        PauseResume.Conformance.Reports.ConsoleReport.Write(output, result, (_, _) => "replay");

        // Assert
        output.ToString().ShouldContain("it matches pausedLocation=query (profile: form-and-query), or as well pausedLocation=post-form-and-query (profile: form-and-query) (nothing the run met so far told them apart", Case.Sensitive, output.ToString());
        result.Verdict.ShouldContain("(it matches pausedLocation=query or post-form-and-query;", Case.Sensitive);
        PauseResume.Conformance.Reports.MarkdownReport.Write(result, (_, _) => "replay").ShouldContain("| `pausedLocation` | `form-and-query` | `query` or `post-form-and-query` |", Case.Sensitive);
    }

    /// <summary>
    /// A couple the final audit could not read may be left paused on a real recorder: it asks for a look by hand, which a
    /// CI gate on exit 5 must not miss because a difference (exit 3) was found beside it.
    /// </summary>
    [Fact]
    public void An_audit_that_could_not_read_a_couple_exits_5_beside_a_difference()
    {
        // Arrange
        var failure = Failed("PSE-3", "a pause of a paused couple succeeds", new SettingChange(ProfileSettings.UnchangedPauseStatus, "204", "409"));
        var result = Differences.Result(failure);
        var agents = new PauseResume.Conformance.Concurrency.AgentsResult("a recorder", new PauseResume.Conformance.Concurrency.AgentsPlan(2, 10, 1, TimeSpan.Zero, TimeSpan.FromSeconds(5)), TimeSpan.Zero, [], Refused: 0, ServerErrors: 1, []);
        const string Unread = "couple 24197 could not be read after the run: check it by hand";

        // Act, Assert
        result.ExitCode(requireAllChecked: false).ShouldBe(KitResult.ExitDiffers);
        (result with { AuditUnchecked = [Unread] }).ExitCode(requireAllChecked: false).ShouldBe(KitResult.ExitFaulted, "AUDIT UNCHECKED asks for a look at the recorder");
        (result with { AuditProblems = ["couple 24197 is left paused"], AuditUnchecked = [Unread] }).ExitCode(requireAllChecked: false).ShouldBe(KitResult.ExitBroken, "a couple left changed is worse");
        agents.ExitCode().ShouldBe(KitResult.ExitDiffers);
        (agents with { AuditUnchecked = [Unread] }).ExitCode().ShouldBe(KitResult.ExitFaulted, "AUDIT UNCHECKED asks for a look at the recorder");
    }

    [Fact]
    public void PSE_4_A_check_whose_failure_shrank_to_a_difference_no_setting_describes_is_not_shrunk_again()
    {
        // Arrange: a refused pause of a user without the right, shrunk to a pause without a session whose 400 no setting
        // describes (a recorder that refuses every pause with 400)
        var ledger = new RuleLedger();
        var first = new Check("PSE-4", false, "u2 lacks Call List", "403", "400", InferredPart: true);

        // Act
        ledger.Fail(Failed("PSE-4", "no logged-in session"), shrunkFrom: first);

        // Assert
        ledger.AlreadyReported(first with { What = "u3 lacks Call List" }).ShouldBeTrue("the same check of another user: its minimal form is the difference reported");
        ledger.AlreadyReported(first with { What = "couple 24197 is outside the phone masks of u2" }).ShouldBeFalse("another check");
    }

    [Fact]
    public void PSE_4_A_check_whose_failure_shrank_to_a_difference_a_setting_explains_is_shrunk_again()
    {
        // Arrange: the same refusal, shrunk to a failure a setting explains (the next one may shrink to another)
        var ledger = new RuleLedger();
        var first = new Check("PSE-4", false, "u2 lacks Call List", "403", "400", InferredPart: true);

        // Act
        ledger.Fail(Failed("PSE-4", "no logged-in session", new SettingChange(ProfileSettings.BadPausedOrder, "after-access", "before-login")), shrunkFrom: first);

        // Assert
        ledger.AlreadyReported(first).ShouldBeFalse();
    }

    [Fact]
    public void DET_3_A_403_the_session_policy_relabelled_SES_1_that_masks_first_explains_is_reported_under_DET_3()
    {
        // Arrange: a masked user who logged in twice was refused an unknown couple with 403, relabelled SES-1 (a session
        // policy may have ended the session), and refusalOrder=masks-first explained it
        var failure = Failed("SES-1", "couple 987654321 is not in progress, in the session reporter2 logged in to (inferred: no lockout or one-session-per-user policy ended it)",
            new SettingChange(ProfileSettings.RefusalOrder, "call-list-first", "masks-first"));
        var output = new StringWriter();
        var result = new KitResult("a recorder", "default", null, 1, 1, [], [failure], []);

        // Act
        PauseResume.Conformance.Reports.ConsoleReport.Write(output, result, (_, _) => "replay");

        // Assert
        failure.Rule.ShouldBe("DET-3", "the rule of the setting that explains it");
        output.ToString().ShouldContain("Rule DET-3: this server differs from profile 'default': it matches refusalOrder=masks-first (profile: call-list-first)", Case.Sensitive, output.ToString());
        output.ToString().ShouldNotContain("Rule SES-1", Case.Sensitive);
    }

    /// <summary>
    /// LST-6: a setting explained as one value in one failure and as another in another is undecided; where a value of
    /// another setting fitted as well (named beside, as one a run never guesses), the verdict names it rather than leave a
    /// consistent recorder looking inconsistent.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LST_6_An_undecided_setting_names_the_value_that_fitted_beside_it(bool beside)
    {
        // Arrange: an empty direction answered 200 put down to directionWithoutValue=ignored (emptyDirection=none fitted as
        // well), then a bad direction without a value answered 404 put down to checked
        var empty = Failed("LST-6", "an invalid direction", new SettingChange(ProfileSettings.DirectionWithoutValue, "checked", "ignored")) with
        {
            Alternatives = beside ? [new SettingChange(ProfileSettings.EmptyDirection, "invalid", "none")] : [],
        };
        var without = Failed("LST-6", "the list of couples in progress", new SettingChange(ProfileSettings.DirectionWithoutValue, "ignored", "checked"));

        // Act
        var result = new KitResult("a recorder", "default", null, 2, 2, [], [empty, without], []);

        // Assert
        result.UndecidedSettings.ShouldBe([ProfileSettings.DirectionWithoutValue]);
        result.FittedBesideUndecided.ShouldBe(beside ? ["emptyDirection=none"] : []);
    }
}
