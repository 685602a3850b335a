using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// Lets time pass, so idle sessions expire (SES-6): the in-process clock, or a standalone simulator's manual clock, moves
/// by the minutes given; a standalone simulator on any other clock, whose idle timeout the kit shortened for the run, is
/// waited out for twice that timeout, far from the boundary so real time cannot make the step flaky.
/// </summary>
/// <param name="ShortOfTimeout">Set: on a virtual clock, time moves to the boundary itself, until slot A has been idle
/// for the profile's sessionIdleTimeout less these seconds, where "30 minutes without a request" (SES-6) is decided.</param>
internal sealed record AdvanceTimeCommand(int Minutes, int? ShortOfTimeout = null) : Command
{
    public override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var model = context.Model;
        var by = context.Target.Clock switch
        {
            ClockKind.Virtual when ShortOfTimeout is { } seconds => model.Slots[0].LastSeen + model.Profile.SessionIdleTimeout - TimeSpan.FromSeconds(seconds) - model.Now,
            ClockKind.Virtual => TimeSpan.FromMinutes(Minutes),
            ClockKind.Real when ShortOfTimeout is null => model.Profile.SessionIdleTimeout * 2,
            _ => TimeSpan.Zero,
        };
        if (by <= TimeSpan.Zero)
        {
            return new StepResult($"{this} (skipped: {(ShortOfTimeout is null ? "time cannot pass on this target" : "the boundary is not ahead on a clock the kit moves")})", [], context.Model);
        }

        if (context.Wire.Replaying is not null)
        {
            throw new Wire.RecordingDivergedException(); // time passing on the target is no answer a recording holds
        }

        await context.Target.AdvanceTimeAsync(by, cancellationToken);
        context.Wire.Note(context.Target.Clock == ClockKind.Real ? $"sleep {by.TotalSeconds:0.###}"
            : context.Target is HttpTarget ? FormattableString.Invariant($"curl -s -X POST \"$T/simulator/clock/advance\" -H 'Content-Type: application/json' --data-raw '{{\"seconds\":{by.TotalSeconds}}}' > /dev/null")
            : $"# here {by} passes on the recorder's clock (the in-process simulator's clock was moved)");
        return new StepResult($"{by} passes", [], context.Model with { Now = context.Model.Now + by });
    }

    public override IEnumerable<Command> Shrink() => Minutes > 1 && ShortOfTimeout is null ? [this with { Minutes = Minutes / 2 }] : [];

    public override string ToString() => ShortOfTimeout is { } seconds ? $"wait(until A idle timeout - {seconds} s)" : $"wait({Minutes} min)";
}
