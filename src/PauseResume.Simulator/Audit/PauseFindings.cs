using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Audit;

/// <summary>A couple whose call ended while it was paused: the rest of the call was never recorded (PSE-1).</summary>
internal static class PauseFindings
{
    public static IEnumerable<AuditFinding> LeftPaused(IReadOnlyList<CoupleState> couples, Func<string, AuditTrail?> trailOf)
    {
        // Each trail's pauses indexed by couple once: looked through whole for every couple left paused, a session that
        // paused thousands of calls made the audit cost their number times its requests (GEN-3).
        var pausesOf = new Dictionary<AuditTrail, ILookup<long?, AuditedRequest>>(ReferenceEqualityComparer.Instance);
        foreach (var couple in couples.Where(c => !c.InProgress && c.Paused))
        {
            var pause = couple.History[^1];
            var trail = trailOf(pause.PausedSession);
            List<AuditedRequest> requests = trail is null ? [] : [.. Pauses(trail)[couple.Couple.Id]];
            yield return new AuditFinding(
                "left-paused", "PSE-1", trail?.Label ?? "a session the audit did not see", pause.PausedBy,
                $"couple {couple.Couple.Id} was paused by {pause.PausedBy} and its call ended without a resume: a call left on hold is not recorded to its end",
                requests);
        }

        ILookup<long?, AuditedRequest> Pauses(AuditTrail trail) =>
            pausesOf.TryGetValue(trail, out var pauses)
                ? pauses
                : pausesOf[trail] = trail.Requests.Where(r => r.Kind == RequestKind.PausedState && r.Status == 204).ToLookup(r => r.CoupleId);
    }
}
