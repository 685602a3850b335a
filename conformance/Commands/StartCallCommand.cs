using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Commands;

/// <summary>Starts a call through the simulator's control API (controllable targets only).</summary>
internal sealed record StartCallCommand(CallSpec Call) : Command
{
    public override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (context.Target.Control is not { } control)
        {
            return new StepResult($"start call {Call} (skipped: the target cannot be controlled)", [], context.Model);
        }

        var couple = await control.StartCallAsync(Call, cancellationToken);
        context.Wire.Note($"curl -s -X POST \"$T/simulator/calls\" -H 'Content-Type: application/json' --data-raw '{SimulatorControl.CallJson(Call).ToJsonString()}' > /dev/null   # couple {couple.Id}");
        return new StepResult($"start call {Call} → couple {couple.Id}", [], context.Model.WithCouple(couple));
    }

    public override string ToString() => $"start-call({Call})";
}
