namespace PauseResume.Simulator.Audit;

/// <summary>Every finding that one client's own requests show, in the order of its requests.</summary>
internal static class TrailFindings
{
    public static IEnumerable<AuditFinding> Find(AuditTrail trail) =>
        SessionFindings.Find(trail)
            .Concat(RefusalFindings.Find(trail))
            .Concat(LoginHabitFindings.Find(trail))
            .Concat(LinkFindings.Find(trail))
            .Concat(ParameterFindings.Find(trail))
            .OrderBy(f => trail.Requests.IndexOf(f.Requests[0]));
}
