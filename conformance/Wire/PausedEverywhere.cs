namespace PauseResume.Conformance.Wire;

/// <summary>
/// A pause or resume of the kit's own (an agent's, a clean-up's) that a recorder reads as meant wherever it reads
/// <c>paused</c>: that place is inferred (PSE-3: a form body, the query string, or a POST's body only), and a lenient
/// server that does not look where the value is reads it as false, so the value goes in the query and in the POST's
/// form body alike. Two equal values are one value to most readings, but a recorder may refuse any repetition
/// (repeatedPaused=refused-any, PSE-2): one that answers 400 is sent the value in the body alone, then in the query alone.
/// One that joins the two into "true,true" (repeatedPaused=joined) answers 204 and, under the Java reading, resumes: where
/// the profile says so, the value goes once, in a place the profile says it reads, then, answered 400 (the profile may be
/// a guess the kit is trying), in the other place alone, then in both.
/// Given a check that the couple shows paused (a put-back of a couple someone had paused, waited for as long as details
/// may lag), a pause answered in any way but 400 must also show in the couple's details, or the next place is tried: a place the server does not read, or
/// reads as "true,true", is a resume to a lenient server, which changes nothing on a couple that is recording, so trying
/// the next place is safe, and answering 204 proves nothing. A resume needs no such check: every misreading of
/// <c>paused=false</c> is a resume too.
/// </summary>
internal static class PausedEverywhere
{
    public static async Task<Exchange> SendAsync(
        string pausedStatePath, bool paused, Func<string, string, Task<Exchange>> send, Profiles.KitProfile? profile = null, Func<Task<bool?>>? showsPaused = null)
    {
        var value = paused ? "paused=true" : "paused=false";
        var inQuery = pausedStatePath + (pausedStatePath.Contains('?', StringComparison.Ordinal) ? "&" : "?") + value;
        (string PathAndQuery, string Form)[] places = profile?.RepeatedPaused != "joined" ? [(inQuery, value), (pausedStatePath, value), (inQuery, string.Empty)]
            : profile.ReadsPaused(put: false, inQuery: true) ? [(inQuery, string.Empty), (pausedStatePath, value), (inQuery, value)]
            : [(pausedStatePath, value), (inQuery, string.Empty), (inQuery, value)];
        Exchange? answer = null;
        foreach (var (pathAndQuery, form) in places)
        {
            answer = await send(pathAndQuery, form);
            // A pause that does not show (false) was read as a resume and changed nothing; one whose state cannot be read
            // (null) may have taken, and the next place could undo it: the put-back stops there.
            if (answer.Status != 400 && (!paused || showsPaused is null || await showsPaused() is not false))
            {
                // Taken, or refused for a reason no other place changes (ended, no longer allowed, no session).
                return answer;
            }
        }

        return answer!;
    }
}
