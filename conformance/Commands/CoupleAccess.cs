using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// The order in which the rules refuse a request on one couple: login (403), Call List (403), a couple in progress
/// (404), access by the phone masks (403), and for pausing the pause right (403). Null: allowed.
/// </summary>
internal static class CoupleAccess
{
    public static StatusCheck? Refusal(StepContext context, int slot, long coupleId, bool pausing, string rule)
    {
        var model = context.Model;
        var user = model.UserOf(slot);
        if (user is null)
        {
            return new StatusCheck(403, context.LoginRule(slot, rule), "no logged-in session");
        }

        if (!user.CallList)
        {
            return new StatusCheck(403, rule, $"{user.Login} lacks Call List");
        }

        if (!model.Couples.TryGetValue(coupleId, out var couple) || couple.Ended)
        {
            return new StatusCheck(404, rule, $"couple {coupleId} is not in progress");
        }

        if (couple.Known && !user.MaySee(couple))
        {
            return new StatusCheck(403, rule, $"couple {coupleId} is outside the phone masks of {user.Login}");
        }

        return pausing && !user.PauseAndResume ? new StatusCheck(403, rule, $"{user.Login} lacks Pause and Resume Calls") : null;
    }

    /// <summary>
    /// On a real recorder, a 404 for a couple the model holds in progress means it ended meanwhile (a legal event),
    /// provided the rules would have looked at the couple at all (a logged-in user with Call List).
    /// </summary>
    public static bool EndedMeanwhile(StepContext context, int slot, long coupleId, int status) =>
        context.Observing && status == 404 && context.Model.UserOf(slot)?.CallList == true
        && context.Model.Couples.TryGetValue(coupleId, out var couple) && !couple.Ended;
}
