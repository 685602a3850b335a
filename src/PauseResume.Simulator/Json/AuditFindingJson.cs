using PauseResume.Simulator.Audit;

namespace PauseResume.Simulator.Json;

/// <summary>One finding; its requests show method, path and status, never the session ids behind them.</summary>
public sealed record AuditFindingJson(string Name, string Rule, string Session, string? Login, string Risk, IReadOnlyList<AuditRequestJson> Requests)
{
    public static AuditFindingJson From(AuditFinding finding) =>
        new(finding.Name, finding.Rule, finding.Session, finding.Login, finding.Risk, finding.Requests.Select(AuditRequestJson.From).ToList());
}
