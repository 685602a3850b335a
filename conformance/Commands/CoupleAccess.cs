using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// Which refusal a request on one couple meets first. The API reference says what is refused, not in which order:
/// the order is the profile's <c>refusalOrder</c> and <c>badParameterOrder</c> (DET-3, PSE-4). Null: allowed.
/// </summary>
internal static class CoupleAccess
{
    public static StatusCheck? Refusal(StepContext context, int slot, long coupleId, bool pausing, string rule, StatusCheck? badParameter = null)
    {
        var model = context.Model;
        var user = model.UserOf(slot);
        model.Couples.TryGetValue(coupleId, out var couple);
        var order = model.Profile.RefusalOrder switch
        {
            "couple-first" => "LUCMR",
            "rights-first" => "LCRUM",
            _ => "LCUMR",
        };
        order = model.Profile.BadParameterOrder switch
        {
            "before-login" => "P" + order,
            "after-login" => order.Insert(1, "P"),
            _ => order + "P",
        };
        foreach (var step in order)
        {
            var refusal = step switch
            {
                'L' when user is null => context.NotLoggedIn(slot, rule, "no logged-in session"),
                'P' => badParameter,
                _ when user is null => null,
                'C' when !user.CallList => new StatusCheck(403, rule, $"{user.Login} lacks Call List"),
                'U' when couple is null || couple.Ended => new StatusCheck(404, rule, $"couple {coupleId} is not in progress"),
                'M' when couple is { Known: true, Ended: false } && !user.MaySee(couple) => new StatusCheck(403, rule, $"couple {coupleId} is outside the phone masks of {user.Login}"),
                'R' when pausing && !user.PauseAndResume => new StatusCheck(403, rule, $"{user.Login} lacks Pause and Resume Calls"),
                _ => null,
            };
            if (refusal is not null)
            {
                return refusal;
            }
        }

        return null;
    }

    /// <summary>
    /// A 403 where the model lets the user at the couple through one of its two numbers only: which number a phone mask
    /// applies to is our inference (<see cref="ModelUser.Decides"/>), so a server that applies masks to the other one
    /// differs from the profile on <paramref name="rule"/> and breaks no documented rule. Null when the 403 is not that.
    /// </summary>
    public static Check? OneNumberRefusal(StepContext context, int slot, long coupleId, StatusCheck expected, int status, string rule, string what)
    {
        if (status != 403 || expected.Status == 403 || context.Model.UserOf(slot) is not { CallList: true } user
            || !context.Model.Couples.TryGetValue(coupleId, out var couple) || couple is not { Known: true, Ended: false } || user.Decides(couple))
        {
            return null;
        }

        return Check.That(rule, false, $"{what} of couple {coupleId}, which {user.Login} may reach by one of its numbers only (which number a phone mask applies to is inferred)",
            expected.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), "403").Inferred();
    }

    /// <summary>
    /// On a real recorder, a 404 for a couple the model holds in progress means it ended meanwhile (a legal event),
    /// provided the rules would have looked the couple up at all; on a simulator with traffic, only for a couple the kit
    /// did not start.
    /// </summary>
    public static bool EndedMeanwhile(StepContext context, int slot, long coupleId, int status) =>
        context.CallsComeAndGo && status == 404 && context.Model.UserOf(slot) is { } user
        && (user.CallList || context.Model.Profile.RefusalOrder == "couple-first")
        && context.Model.Couples.TryGetValue(coupleId, out var couple) && !couple.Ended && (context.Observing || !couple.Known);
}
