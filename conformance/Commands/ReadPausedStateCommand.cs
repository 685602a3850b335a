using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>GET on pausedState, which only takes POST and PUT (PSE-4: 405).</summary>
internal sealed record ReadPausedStateCommand(int Slot, CoupleRef Couple) : Command
{
    public override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var id = Couple.Resolve(context.Model);
        var answer = await context.Wire.SendAsync(Slot, HttpMethod.Get, $"callrec/restful/couples.xml/{id}/pausedState", cancellationToken: cancellationToken);
        var check = new StatusCheck(405, "PSE-4", "GET on pausedState").Against(answer.Status);
        return new StepResult($"{ModelSlot.Name(Slot)}: GET pausedState of {id} → {answer.Status}", [check], context.Model);
    }

    public override string ToString() => $"{ModelSlot.Name(Slot)}: get-paused({Couple})";
}
