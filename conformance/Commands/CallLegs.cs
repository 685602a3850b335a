using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// Under maskScope=call (LST-5, DET-3, PSE-4, inferred) a user with phone masks sees a couple outside them through the
/// other legs of its call within them. On a real recorder such a leg may end unseen (a filter that finds the couple
/// alone, a details read): the couple is then refused, rightly, while the model still grants it.
/// </summary>
internal static class CallLegs
{
    /// <summary>
    /// The model with the other legs of <paramref name="couple"/>'s call within <paramref name="user"/>'s own phone masks
    /// that the user's unfiltered list <paramref name="all"/> does not hold taken for ended, where their details say so
    /// (404, or the profile's ended or unknown couple's status; under endedCoupleDetails=served, details served tell
    /// nothing and the list is taken at its word): a leg left out by a recorder that matches masks otherwise (maskSide), or
    /// by a list answered partly, is answered otherwise and stays in progress. The couples' calls are taken as the list
    /// shows them first (a transfer or a conference may have moved a leg).
    /// </summary>
    public static async Task<ModelState> EndedLegsAsync(StepContext context, int slot, ModelState model, ModelCouple couple, IReadOnlyList<Wire.Documents.Listed> all, ModelUser user, CancellationToken cancellationToken)
    {
        model = model.Moved(Wire.Documents.CallsOf(all));
        couple = model.Couples.GetValueOrDefault(couple.Id, couple);
        foreach (var leg in model.InProgress.Where(c => c.Known && c.Id != couple.Id && c.CallId == couple.CallId && c.CallId != 0 && user.MaySee(c, model.Profile.MaskSide) && all.All(l => l.Id != c.Id)).ToList())
        {
            var details = await context.Wire.SendAsync(slot, HttpMethod.Get, $"callrec/restful/couples.xml/{leg.Id}", cancellationToken: cancellationToken);
            if (details.Status is 404 or 410 || details.Status == model.Profile.EndedCoupleStatus || details.Status == model.Profile.UnknownCoupleStatus
                || (details.Status == 200 && model.Profile.ServesEndedDetails))
            {
                model = model.WithCouple(leg with { Ended = true, EndUnproven = true });
            }
        }

        return model;
    }

    /// <summary>Whether the model lets <paramref name="user"/> see <paramref name="couple"/> only through other legs of its call.</summary>
    public static bool SeenThroughLegs(ModelState model, ModelUser user, ModelCouple couple) =>
        model.Profile.MasksByCall && user.Masks.Length > 0 && couple is { Known: true, Ended: false }
        && !user.MaySee(couple, model.Profile.MaskSide) && model.MaySee(user, couple);

    /// <summary>The unfiltered list of <paramref name="slot"/>'s session; null where none is served (nothing learnt).</summary>
    public static async Task<IReadOnlyList<Wire.Documents.Listed>?> UnfilteredAsync(StepContext context, int slot, CancellationToken cancellationToken)
    {
        var unfiltered = await context.Wire.SendAsync(slot, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        return unfiltered.Status == 200 ? Wire.Documents.List(unfiltered.Body) : null;
    }

    /// <summary>
    /// On a real recorder, a refusal (<paramref name="status"/> 403, or the profile's outsideAccessStatus) where the model
    /// grants <paramref name="coupleId"/> (<paramref name="granted"/>), and only through other legs of its call: the user's
    /// unfiltered list and the details of the legs it lacks tell which of them ended unseen (<see cref="EndedLegsAsync"/>),
    /// and the couple is judged as the user now sees it. Not where two servers' transcripts are compared request by
    /// request (<see cref="StepContext.AsksToTell"/>). Also sets the context's model.
    /// </summary>
    public static async Task<ModelState> EndedUnseenAsync(StepContext context, int slot, long coupleId, int status, bool granted, CancellationToken cancellationToken)
    {
        var model = context.Model;
        if (!context.Observing || !context.AsksToTell || !granted || (status != 403 && status != model.Profile.OutsideAccessStatus) || model.UserOf(slot) is not { } user
            || !model.Couples.TryGetValue(coupleId, out var couple) || !SeenThroughLegs(model, user, couple)
            || await UnfilteredAsync(context, slot, cancellationToken) is not { } all)
        {
            return model;
        }

        return context.Model = await EndedLegsAsync(context, slot, model, couple, all, user, cancellationToken);
    }
}
