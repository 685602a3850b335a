using PauseResume.Simulator.Audit;

namespace PauseResume.Simulator.Json;

/// <summary>The client audit as <c>GET /simulator/audit</c> shows it: the findings, and the same as text.</summary>
public sealed record AuditJson(bool Clean, int Requests, int RequestsNotKept, IReadOnlyList<AuditFindingJson> Findings, string Text)
{
    public static AuditJson From(AuditReport report) =>
        new(report.IsClean, report.RequestsSeen, report.RequestsNotKept, report.Findings.Select(AuditFindingJson.From).ToList(), report.ToString());
}
