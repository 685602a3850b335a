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
    /// The other legs of <paramref name="couple"/>'s call within <paramref name="user"/>'s own phone masks that the user's
    /// unfiltered list <paramref name="all"/> does not hold, taken for ended as a guess (the kit's matching of masks is
    /// inferred): a later list that holds one takes it back.
    /// </summary>
    public static ModelState EndedLegs(ModelState model, ModelCouple couple, IReadOnlyList<Wire.Documents.Listed> all, ModelUser user) =>
        model.InProgress.Where(c => c.Known && c.Id != couple.Id && c.CallId == couple.CallId && c.CallId != 0 && user.MaySee(c, model.Profile.MaskSide) && all.All(l => l.Id != c.Id)).ToList()
            .Aggregate(model, (m, leg) => m.WithCouple(leg with { Ended = true, EndUnproven = true }));

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
    /// On a real recorder, a refusal (<paramref name="status"/> 403, or the profile's outsideAccessStatus) of a couple the
    /// model lets the user see only through other legs of its call: the user's unfiltered list tells which of those legs
    /// ended unseen (<see cref="EndedLegs"/>), and the couple is judged as the user now sees it. Also sets the context's model.
    /// </summary>
    public static async Task<ModelState> EndedUnseenAsync(StepContext context, int slot, long coupleId, int status, CancellationToken cancellationToken)
    {
        var model = context.Model;
        if (!context.Observing || (status != 403 && status != model.Profile.OutsideAccessStatus) || model.UserOf(slot) is not { } user
            || !model.Couples.TryGetValue(coupleId, out var couple) || !SeenThroughLegs(model, user, couple)
            || await UnfilteredAsync(context, slot, cancellationToken) is not { } all)
        {
            return model;
        }

        return context.Model = EndedLegs(model, couple, all, user);
    }
}
