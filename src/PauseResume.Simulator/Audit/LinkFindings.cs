namespace PauseResume.Simulator.Audit;

/// <summary>URLs built by hand: details of a couple never listed with a self link (LST-5), pausedState never linked (DET-2).</summary>
internal static class LinkFindings
{
    public static IEnumerable<AuditFinding> Find(AuditTrail trail)
    {
        // Links stay known across a re-login of the same client: a retry after SES-6 needs no new list.
        var selfLinks = new HashSet<long>();
        var pausedStateLinks = new HashSet<long>();
        foreach (var request in trail.Requests)
        {
            var linked = request.CoupleId is { } id && (request.Kind == RequestKind.Details ? selfLinks : pausedStateLinks).Contains(id);
            if (request.Kind == RequestKind.Details && request.Method == "GET" && !linked)
            {
                yield return trail.Finding(
                    "unlinked-details", "LST-5",
                    "details of a couple this session was never shown a self link to: the URL was built by hand, and a real recorder links only the couples the user may see",
                    request);
            }

            if (request.Kind == RequestKind.PausedState && request.Method is "POST" or "PUT" && !linked)
            {
                yield return trail.Finding(
                    "unlinked-pausedState", "DET-2",
                    "pausedState of a couple whose details never showed this session a pausedState link: the URL was built by hand, and the link is there only if the user may pause that call",
                    request);
            }

            if (request.Status == 200)
            {
                var shown = request.Kind switch
                {
                    RequestKind.List => selfLinks,
                    RequestKind.Details => pausedStateLinks,
                    _ => null,
                };
                shown?.UnionWith(request.Links);
            }
        }
    }
}
