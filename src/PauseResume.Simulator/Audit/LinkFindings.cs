namespace PauseResume.Simulator.Audit;

/// <summary>
/// Couples a client reached without the documents showing it the way: details of a couple never listed to it with a
/// self link (LST-5), pausedState of a couple it was never shown a link to at all (DET-2).
/// </summary>
internal static class LinkFindings
{
    public static IEnumerable<AuditFinding> Find(AuditTrail trail)
    {
        // Links stay known across a re-login of the same client: a retry after SES-6 needs no new list.
        var selfLinks = new HashSet<long>();
        var pausedStateLinks = new HashSet<long>();
        var shownEvery = false; // an answer linked more couples than the audit kept: no id is called unlinked after it
        foreach (var request in trail.Requests)
        {
            if (request.Kind == RequestKind.Details && request.Method == "GET" && !shownEvery && !(request.CoupleId is { } listed && selfLinks.Contains(listed)))
            {
                yield return trail.Finding(
                    "unlinked-details", "LST-5",
                    "details of a couple this session was never shown a self link to: the URL was built by hand (its shape is an inference, DET-3), for an id the recorder's documents did not give this session",
                    request);
            }

            // DET-2 documents building the pausedState path from a couple's id, so doing it for a couple the list showed
            // with a self link is no risk. What is: an id this session never got from the recorder (kept from an earlier
            // run, taken from the simulator's world, guessed), or one the list showed without a link (LST-5: no right).
            // It works here by chance and is refused or ended on a real recorder.
            if (request.Kind == RequestKind.PausedState && request.Method is "POST" or "PUT" && !shownEvery
                && !(request.CoupleId is { } id && (selfLinks.Contains(id) || pausedStateLinks.Contains(id))))
            {
                yield return trail.Finding(
                    "unlinked-pausedState", "DET-2",
                    "pausedState of a couple this session was never shown a link to (no self link in a list, no pausedState link in its details): the id did not come from this recorder's documents; list the call first, then follow its links or build the documented path from its id",
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
                shownEvery |= shown is not null && request.LinksCut;
            }
        }
    }
}
