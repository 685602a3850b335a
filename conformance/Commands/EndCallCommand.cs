using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Commands;

/// <summary>Ends a couple in progress through the simulator's control API (controllable targets only).</summary>
internal sealed record EndCallCommand(CoupleRef Couple) : Command
{
    public override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var inProgress = context.Model.InProgress.Select(c => c.Id).ToHashSet();
        var id = Couple.Resolve(context.Model, inProgress);
        if (context.Target.Control is not { } control || !inProgress.Contains(id))
        {
            return new StepResult($"end {Couple} (skipped: nothing to end here)", [], context.Model);
        }

        var ended = await control.EndCallAsync(id, cancellationToken);
        if (!ended && !CoupleAccess.MayEndOnItsOwn(context, context.Model.Couples[id]))
        {
            throw new TargetException($"the target's control API could not end couple {id}: it is not in progress, and it is not one that ends on its own there (the kit's own couples never do)");
        }

        context.Wire.Note($"curl -s -X DELETE \"$T/simulator/calls/{id}\" > /dev/null");
        // Where calls come and go, a couple the kit only saw listed may have ended on its own meanwhile: a legal event.
        return new StepResult(ended ? $"end couple {id}" : $"end couple {id} (it had ended on its own)", [], context.Model.WithCouple(context.Model.Couples[id] with { Ended = true }));
    }

    public override string ToString() => $"end-call({Couple})";
}
