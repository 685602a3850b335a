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

        await control.EndCallAsync(id, cancellationToken);
        context.Wire.Note($"curl -s -X DELETE \"$T/simulator/calls/{id}\" > /dev/null");
        return new StepResult($"end couple {id}", [], context.Model.WithCouple(context.Model.Couples[id] with { Ended = true }));
    }

    public override string ToString() => $"end-call({Couple})";
}
