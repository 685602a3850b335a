namespace PauseResume.Conformance.Commands;

/// <summary>Lets time pass on the target's clock (in-process only), so idle sessions expire (SES-6).</summary>
internal sealed record AdvanceTimeCommand(int Minutes) : Command
{
    public override Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (!context.Target.CanAdvanceTime)
        {
            return Task.FromResult(new StepResult($"wait {Minutes} min (skipped: the target's clock cannot be moved)", [], context.Model));
        }

        context.Target.AdvanceTime(TimeSpan.FromMinutes(Minutes));
        context.Wire.Note($"# here {Minutes} minutes pass on the recorder's clock (the in-process simulator's clock was moved)");
        return Task.FromResult(new StepResult($"{Minutes} minutes pass", [], context.Model with { Now = context.Model.Now + TimeSpan.FromMinutes(Minutes) }));
    }

    public override IEnumerable<Command> Shrink() => Minutes > 1 ? [this with { Minutes = Minutes / 2 }] : [];

    public override string ToString() => $"wait({Minutes} min)";
}
