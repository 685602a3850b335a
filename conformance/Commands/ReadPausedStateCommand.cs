using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// GET on pausedState, which only takes POST and PUT: answered with the profile's <c>pausedStateGetStatus</c> (PSE-4).
/// It is sent without the session cookie, so it cannot keep a session alive (whether such a request does is open),
/// and a 403 is as good: the API reference does not say whether the login or the method is checked first, and the probe
/// measures that (badMethodOrder) on the list, whose resource a recorder may route otherwise than a couple's
/// sub-resource (a sub-resource locator that checks the session runs before the method is matched).
/// </summary>
internal sealed record ReadPausedStateCommand(int Slot, CoupleRef Couple) : Command
{
    public override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var id = Couple.Resolve(context.Model);
        var answer = await context.Wire.SendAsync(Slot, HttpMethod.Get, $"callrec/restful/couples.xml/{id}/pausedState", cancellationToken: cancellationToken, withSession: false);
        var status = context.Model.Profile.PausedStateGetStatus;
        var check = answer.Status == 403
            ? new StatusCheck(403, "PSE-4", "GET on pausedState without a session", Inferred: true).Against(answer.Status)
            : new StatusCheck(status, "PSE-4", $"GET on pausedState (pausedStateGetStatus={status})", Inferred: true).Against(answer.Status);
        return new StepResult($"{ModelSlot.Name(Slot)}: GET pausedState of {id} → {answer.Status}", [check with { Neutral = true }], context.Model);
    }

    public override IEnumerable<Command> Shrink() => Slot != 0 ? [this with { Slot = 0 }] : [];

    public override string ToString() => $"{ModelSlot.Name(Slot)}: get-paused({Couple})";
}
