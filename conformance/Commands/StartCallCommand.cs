using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// Starts a call through the simulator's control API (controllable targets only); with <see cref="Joins"/>, a couple
/// that joins the call of a couple the model knows (a transfer or conference leg), so a pause's reach (pauseScope,
/// PSE-1) meets calls of several couples.
/// </summary>
internal sealed record StartCallCommand(CallSpec Call, CoupleRef? Joins = null) : Command
{
    public override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (context.Target.Control is not { } control)
        {
            return new StepResult($"start call {Call} (skipped: the target cannot be controlled)", [], context.Model);
        }

        // A leg joins a paused call where there is one: the call's couples then differ (the new leg records), which is where
        // a pause's reach shows (a pause of the paused leg changes nothing, under either pauseScope).
        long? callId = Joins is { } joins && context.Model.Couples.TryGetValue((joins with { PausedFirst = true }).Resolve(context.Model), out var joined) ? joined.CallId : null;
        var couple = await control.StartCallAsync(Call, cancellationToken, callId);
        context.Wire.Note($"curl -s -X POST \"$T/simulator/calls\" -H 'Content-Type: application/json' --data-raw '{SimulatorControl.CallJson(Call, callId).ToJsonString()}' > /dev/null   # couple {couple.Id}");
        return new StepResult($"start call {Call}{(callId is null ? string.Empty : $" joining call {callId}")} → couple {couple.Id}", [], context.Model.WithCouple(couple));
    }

    public override IEnumerable<Command> Shrink() => Joins is null ? [] : [this with { Joins = null }];

    public override string ToString() => Joins is null ? $"start-call({Call})" : $"start-call({Call}, joining the call of {Joins})";
}
