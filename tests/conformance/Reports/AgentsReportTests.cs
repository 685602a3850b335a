using PauseResume.Conformance.Concurrency;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Reports;

namespace PauseResume.Conformance.Tests.Reports;

/// <summary>The agents' report on details that lag (PSE-1's timing, inferred): what it counts as checked, and the lag it measured.</summary>
public sealed class AgentsReportTests
{
    private static AgentsResult Result(params CoupleVerdict[] couples) =>
        new("a recorder", new AgentsPlan(2, 10, 1, TimeSpan.Zero, TimeSpan.FromSeconds(5)), TimeSpan.FromSeconds(1), couples, Refused: 0, ServerErrors: 0, []) { Settle = TimeSpan.FromSeconds(2) };

    /// <summary>
    /// A couple whose window was not judged (a lost pause and a late one look alike) is not checked, even where its final
    /// state showed late within --settle: it is no couple that "passed with details that lag", and gets no LAG line.
    /// </summary>
    [Fact]
    public void A_couple_not_checked_is_not_counted_as_passed_with_a_lag()
    {
        // Arrange
        var notChecked = new CoupleVerdict(24197, true, 40, 0, null, null, null) { NotChecked = "no order explains its reads at once", Lag = "paused=true at a read 900 ms later", LagWithinSettle = true };
        var lagged = new CoupleVerdict(24198, true, 40, 0, null, null, null) { Lag = "paused=false at a read 400 ms later", LagWithinSettle = true };
        var result = Result(notChecked, lagged);

        // Act
        var text = AgentsReport.Text(result, "replay");

        // Assert
        result.Lagged.ShouldBe(1);
        result.Verdict.ShouldStartWith("Partially checked");
        result.Verdict.ShouldContain("(1 couple(s) only with details that show a pause or resume late");
        text.ShouldContain("LAG couple 24198");
        text.ShouldNotContain("LAG couple 24197");
        text.ShouldContain("NOT CHECKED couple 24197");
        result.ExitCode(requireAllChecked: true).ShouldBe(KitResult.ExitUnchecked);
    }

    [Fact]
    public void PSE_1_A_lag_measured_past_settle_differs_in_every_form_of_the_report_and_one_within_it_is_only_told()
    {
        // Arrange
        var couple = new CoupleVerdict(24197, true, 40, 0, null, null, null);
        var late = Result(couple) with { MeasuredLag = (24197, new LagMeasurement.Lags(TimeSpan.FromMilliseconds(3_100), TimeSpan.FromMilliseconds(2_900))) };
        var soon = Result(couple) with { MeasuredLag = (24197, new LagMeasurement.Lags(TimeSpan.FromMilliseconds(3_100), TimeSpan.FromMilliseconds(1_900))) };

        // Act
        var (text, markdown, junit) = (AgentsReport.Text(late, "replay"), AgentsReport.Markdown(late, "replay"), AgentsReport.JUnit(late).ToString());

        // Assert
        late.ExitCode().ShouldBe(KitResult.ExitDiffers);
        soon.ExitCode().ShouldBe(KitResult.ExitConformant);
        const string Differs = "couple 24197's details showed a pause at least 3100 ms and a resume at least 2900 ms after they were answered, measured before the agents started, later than --settle (2 s) allows: with --settle 6.2 the run allows this lag";
        text.ShouldContain(Differs);
        text.ShouldContain("The agents' choices replay with: replay");
        markdown.ShouldContain(Differs);
        junit.ShouldContain("profile-difference");
        AgentsReport.Text(soon, "replay").ShouldContain("details lag measured before the agents started: at least 3100 ms for a pause and 1900 ms for a resume (couple 24197 set to the other state and back)");
        AgentsReport.Text(soon, "replay").ShouldNotContain("differs", Case.Sensitive, "only a lag past --settle both ways differs: the resume showed within it");
        AgentsReport.JUnit(soon).ToString().ShouldNotContain("<failure");
        var suite = AgentsReport.JUnit(late).Root!.Element("testsuite")!;
        ((int)suite.Attribute("tests")!).ShouldBe(suite.Elements("testcase").Count());
        ((int)suite.Attribute("failures")!).ShouldBe(suite.Elements("testcase").Count(c => c.Element("failure") != null));
        ((int)suite.Attribute("failures")!).ShouldBe(1, "the lag's own test case");
    }

    [Fact]
    public void A_lag_that_could_not_be_measured_says_why()
    {
        var result = Result(new CoupleVerdict(24197, true, 40, 0, null, null, null)) with { LagNotMeasured = "couple 24197: its pause was refused (403)" };

        AgentsReport.Text(result, "replay").ShouldContain("details lag not measured (couple 24197: its pause was refused (403)): windows are judged with what the final reads saw");
        result.ExitCode().ShouldBe(KitResult.ExitConformant);
    }
}
