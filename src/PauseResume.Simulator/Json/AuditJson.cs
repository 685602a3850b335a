using PauseResume.Simulator.Audit;

namespace PauseResume.Simulator.Json;

/// <summary>
/// The client audit as <c>GET /simulator/audit</c> shows it: the findings, and the same as text, the first
/// <see cref="MaxFindingsShown"/> of them (<see cref="FindingsNotShown"/> counts the others). A client that logs in with a new
/// cookie each time gets a finding per request: 64,000 of them were a document of 53 MB, built in seconds, that nobody reads
/// past its first page (GEN-3).
/// </summary>
public sealed record AuditJson(bool Clean, int Requests, int RequestsNotKept, IReadOnlyList<AuditFindingJson> Findings, string Text)
{
    public const int MaxFindingsShown = 1_000;

    /// <summary>How many findings past the first <see cref="MaxFindingsShown"/> neither <see cref="Findings"/> nor <see cref="Text"/> shows.</summary>
    public int FindingsNotShown { get; init; }

    public static AuditJson From(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            report.IsClean, report.RequestsSeen, report.RequestsNotKept, report.Findings.Take(MaxFindingsShown).Select(AuditFindingJson.From).ToList(),
            report.ToString(MaxFindingsShown))
        {
            FindingsNotShown = Math.Max(0, report.Findings.Count - MaxFindingsShown),
        };
    }
}
