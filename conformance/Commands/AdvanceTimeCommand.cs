using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// Lets time pass, so idle sessions expire (SES-6): the in-process clock moves by the minutes given; a standalone
/// simulator, whose idle timeout the kit shortened for the run, is waited out for twice that timeout, far from the
/// boundary so real time cannot make the step flaky.
/// </summary>
internal sealed record AdvanceTimeCommand(int Minutes) : Command
{
    public override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var by = context.Target.Clock switch
        {
            ClockKind.Virtual => TimeSpan.FromMinutes(Minutes),
            ClockKind.Real => context.Model.Profile.SessionIdleTimeout * 2,
            _ => TimeSpan.Zero,
        };
        if (by == TimeSpan.Zero)
        {
            return new StepResult($"wait {Minutes} min (skipped: time cannot pass on this target)", [], context.Model);
        }

        await context.Target.AdvanceTimeAsync(by, cancellationToken);
        context.Wire.Note(context.Target.Clock == ClockKind.Real
            ? $"sleep {by.TotalSeconds:0.###}"
            : $"# here {Minutes} minutes pass on the recorder's clock (the in-process simulator's clock was moved)");
        return new StepResult($"{by} passes", [], context.Model with { Now = context.Model.Now + by });
    }

    public override IEnumerable<Command> Shrink() => Minutes > 1 ? [this with { Minutes = Minutes / 2 }] : [];

    public override string ToString() => $"wait({Minutes} min)";
}
