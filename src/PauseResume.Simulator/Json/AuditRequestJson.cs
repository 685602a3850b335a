using PauseResume.Simulator.Audit;

namespace PauseResume.Simulator.Json;

/// <summary>A request behind a finding: its method, its path with the query string (passwords masked), its status and rule.</summary>
public sealed record AuditRequestJson(string Method, string Path, int Status, string? Rule)
{
    public static AuditRequestJson From(AuditedRequest request) => new(request.Method, request.Target, request.Status, request.Rule);
}
