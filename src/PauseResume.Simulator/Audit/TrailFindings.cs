namespace PauseResume.Simulator.Audit;

/// <summary>Every finding that one client's own requests show, in the order of its requests.</summary>
internal static class TrailFindings
{
    public static IEnumerable<AuditFinding> Find(AuditTrail trail)
    {
        // Each request's place looked up once, by reference: a trail of 100,000 requests with a finding on most of them
        // would otherwise be searched once per finding.
        var place = new Dictionary<AuditedRequest, int>(trail.Requests.Count, ReferenceEqualityComparer.Instance);
        for (var i = trail.Requests.Count - 1; i >= 0; i--)
        {
            place[trail.Requests[i]] = i; // the first place of a request kept twice, as IndexOf gave
        }

        return SessionFindings.Find(trail)
            .Concat(RefusalFindings.Find(trail))
            .Concat(LoginHabitFindings.Find(trail))
            .Concat(LinkFindings.Find(trail))
            .Concat(ParameterFindings.Find(trail))
            .OrderBy(f => place.GetValueOrDefault(f.Requests[0], -1));
    }
}
