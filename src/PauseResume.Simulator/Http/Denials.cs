using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Http;

/// <summary>Maps a refusal of the domain to its status, its explanation and the rule that decided it.</summary>
internal static class Denials
{
    /// <param name="loginRule">The rule for "not logged in" on this resource (LST-2, DET-3, PSE-4).</param>
    /// <param name="rightsRule">The rule for a missing right or access on this resource (LST-7, DET-3, PSE-4).</param>
    /// <param name="unknown">How a couple not in progress is answered: the profile's endedCoupleStatus for one that has ended, its unknownCoupleStatus for one it does not know; 404 when not given.</param>
    /// <param name="outsideStatus">The status of a couple outside the user's phone masks: the profile's outsideAccessStatus.</param>
    /// <param name="noCallListStatus">The status for a user without Call List: the profile's withoutCallListStatus for the details (and a pause, under outsidePauseStatus=as-details), 403 elsewhere.</param>
    public static IResult Reply(HttpContext context, Access access, string? login, string? coupleId, string loginRule, string rightsRule, NotInProgress? unknown = null, int outsideStatus = 403, int noCallListStatus = 403)
    {
        var (unknownStatus, ended) = unknown ?? new(404, Ended: false);
        AuditNote.Set(context, new AuditNote(login, SessionNotLoggedIn: access is Access.NotLoggedIn or Access.SessionExpired or Access.SessionEndedAtCap or Access.SessionLoggedInElsewhere));
        login = login is null ? null : ClientText.Named(login); // as a reason quotes it: an operator's login may read as the rest of a line
        return access switch
        {
            Access.NotLoggedIn => Replies.Error(context, 403, NotLoggedIn(context.Request), loginRule),
            Access.SessionExpired => Replies.Error(context, 403, "not logged in: the session expired after a time without requests", "SES-6"),
            Access.SessionEndedAtCap => Replies.Error(
                context, 403, "not logged in: the session was ended to make room when maxActiveSessions was reached (the cap ends the least recently used session nobody is logged in to, else the one logging in has, else anyone's)", "SES-4"),
            Access.SessionLoggedInElsewhere => Replies.Error(
                context, 403, "not logged in: its user logged in again in another session, and one user holds one session (sessionsPerUser=one)", "SES-4"),
            // Under withoutCallListStatus=404 the details are answered as a couple not in progress, word for word, as
            // under outsideAccessStatus=404.
            Access.NoCallList when noCallListStatus == 404 => Replies.Error(
                context, 404, $"{login} lacks the Call List permission; answered as a couple not in progress (withoutCallListStatus=404{(rightsRule == "PSE-4" ? ", outsidePauseStatus=as-details" : string.Empty)})", rightsRule, told: $"couple {coupleId} is not in progress"),
            Access.NoCallList => Replies.Error(context, 403, $"{login} lacks the Call List permission", rightsRule),
            // Under unknownCoupleStatus or endedCoupleStatus=204 the answer has no body, as a resource method returning null.
            Access.UnknownCouple when unknownStatus == StatusCodes.Status204NoContent => Replies.Empty(
                context, unknownStatus, $"couple {coupleId} {(ended ? "has ended" : "is not in progress")}; answered 204 with no body ({(ended ? "endedCoupleStatus" : "unknownCoupleStatus")}=204)", rightsRule),
            Access.UnknownCouple => Replies.Error(context, unknownStatus, ended && unknownStatus != 404 ? $"couple {coupleId} has ended" : $"couple {coupleId} is not in progress", rightsRule),
            // Under outsideAccessStatus=404 the client is answered as for a couple not in progress, word for word: a body
            // that said it is in progress would tell which hidden ids are live calls. The log keeps the true cause.
            Access.OutsideMasks when outsideStatus == 404 => Replies.Error(
                context, 404, $"couple {coupleId} has no number within the phone masks of {login} among the couples in progress; answered as a couple not in progress (outsideAccessStatus=404)", rightsRule, told: $"couple {coupleId} is not in progress"),
            Access.OutsideMasks => Replies.Error(context, outsideStatus, $"couple {coupleId} has no number within the phone masks of {login} among the couples in progress", rightsRule),
            Access.NoPauseRight => Replies.Error(context, 403, $"{login} lacks the Pause and Resume Calls permission; nothing changed", rightsRule),
            _ => throw new InvalidOperationException($"{access} is not a refusal"),
        };
    }

    /// <summary>The status of a couple not in progress, and whether the recorder knows it as ended (DET-3, PSE-4).</summary>
    public readonly record struct NotInProgress(int Status, bool Ended);

    private static string NotLoggedIn(HttpRequest request) =>
        SessionCookie.Read(request) is null
            ? "not logged in: the request carries no JSESSIONID cookie"
            : "not logged in: the JSESSIONID names no logged-in session (a login that was ignored, a logout, or a stale id)";
}
