using PauseResume.Simulator.Audit;
using PauseResume.Simulator.Json;

namespace PauseResume.Simulator.Tests.Json;

/// <summary>GEN-3: the audit's JSON shows its first findings and counts the others, so its size has a bound.</summary>
public sealed class AuditJsonTests
{
    [Fact]
    public void GEN_3_The_audit_shows_its_first_1000_findings_and_counts_the_others()
    {
        // Arrange
        var findings = Enumerable.Range(1, AuditJson.MaxFindingsShown + 5)
            .Select(i => new AuditFinding("never-logged-out", "SES-5", $"session {i}", "agent", "a session left open", []))
            .ToList();

        // Act
        var json = AuditJson.From(new AuditReport(findings, 1_005, 0));

        // Assert
        json.Findings.Count.ShouldBe(AuditJson.MaxFindingsShown);
        json.FindingsNotShown.ShouldBe(5);
        json.Clean.ShouldBeFalse();
        json.Text.ShouldStartWith("Client audit: 1005 finding(s)", customMessage: "the text counts every finding");
        json.Text.ShouldContain("in session 1000 (agent)");
        json.Text.ShouldNotContain("in session 1001 ");
        json.Text.ShouldEndWith("... and 5 more finding(s), not shown: only the first 1000 are");
    }
}
