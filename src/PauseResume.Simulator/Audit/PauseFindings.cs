using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Audit;

/// <summary>A couple whose call ended while it was paused: the rest of the call was never recorded (PSE-1).</summary>
internal static class PauseFindings
{
    public static IEnumerable<AuditFinding> LeftPaused(IReadOnlyList<CoupleState> couples, Func<string, AuditTrail?> trailOf)
    {
        foreach (var couple in couples.Where(c => !c.InProgress && c.Paused))
        {
            var pause = couple.History[^1];
            var trail = trailOf(pause.PausedSession);
            var requests = trail?.Requests
                .Where(r => r.Kind == RequestKind.PausedState && r.CoupleId == couple.Couple.Id && r.Status == 204)
                .ToList() ?? [];
            yield return new AuditFinding(
                "left-paused", "PSE-1", trail?.Label ?? "a session the audit did not see", pause.PausedBy,
                $"couple {couple.Couple.Id} was paused by {pause.PausedBy} and its call ended without a resume: a call left on hold is not recorded to its end",
                requests);
        }
    }
}
