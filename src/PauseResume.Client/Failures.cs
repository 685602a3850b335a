using System.Net;

namespace PauseResume.Client;

/// <summary>Turns an unsuccessful answer into the client's one exception, with the rule that explains it.</summary>
internal static class Failures
{
    private const int MaxMessageLength = 500;

    /// <param name="forbiddenRule">The rule a 403 in a live session breaks for this request (LST-7, DET-3, PSE-4).</param>
    public static async Task<RecorderException> FromAsync(HttpResponseMessage response, string action, string forbiddenRule, CancellationToken cancellationToken)
    {
        var message = await MessageAsync(response, cancellationToken).ConfigureAwait(false);
        var status = response.StatusCode;
        return status switch
        {
            HttpStatusCode.Forbidden when forbiddenRule == "LST-7" =>
                new RecorderException(RecorderError.NoPermission, $"{action} was refused in a logged-in session: this user no longer has Call List", forbiddenRule, status, message),
            HttpStatusCode.Forbidden =>
                new RecorderException(RecorderError.NoPermission, $"{action} was refused: this user may not do that to this couple", forbiddenRule, status, message),
            HttpStatusCode.NotFound when forbiddenRule != "LST-7" =>
                new RecorderException(RecorderError.CoupleNotFound, $"{action} failed: the couple is unknown or has ended", forbiddenRule, status, message),
            // DET-3, PSE-4 (inferred): a recorder may answer 410 Gone for a couple that has ended (endedCoupleStatus) or any it does not know (unknownCoupleStatus).
            HttpStatusCode.Gone when forbiddenRule != "LST-7" =>
                new RecorderException(RecorderError.CoupleNotFound, $"{action} failed: the couple has ended", forbiddenRule, status, message),
            // DET-3 (inferred): details are a document; a 204 without one is how a recorder whose resource returns null for a
            // couple not in progress answers (endedCoupleStatus or unknownCoupleStatus=204).
            HttpStatusCode.NoContent when forbiddenRule == "DET-3" =>
                new RecorderException(RecorderError.CoupleNotFound, $"{action} failed: the recorder answered 204 with no document, as for a couple that is unknown or has ended", forbiddenRule, status, message),
            HttpStatusCode.BadRequest or HttpStatusCode.NotFound =>
                new RecorderException(RecorderError.BadRequest, $"{action} was refused as malformed", forbiddenRule == "LST-7" ? "LST-6" : "PSE-2", status, message),
            _ => new RecorderException(RecorderError.UnexpectedResponse, $"{action} got {(int)status} {status}, which the rules do not foresee", null, status, message),
        };
    }

    public static async Task<string?> MessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
        return text.Length == 0 ? null : text.Length > MaxMessageLength ? text[..MaxMessageLength] + "…" : text;
    }
}
