using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// A request the API does not have: an unknown path under /callrec (GEN-1) or a method a known path does not take
/// (GEN-2), answered with the profile's status. Sent without the session cookie, so it cannot keep a session alive;
/// a 403 is as good (whether the login or the path is checked first is open).
/// </summary>
internal sealed record BadRequestCommand(int Slot, bool WrongMethod) : Command
{
    public override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var model = context.Model;
        var (method, path, rule, status, setting) = WrongMethod
            ? (HttpMethod.Patch, "callrec/restful/couples.xml", "GEN-2", model.Profile.MethodNotAllowedStatus, "methodNotAllowedStatus")
            : (HttpMethod.Get, "callrec/restful/no-such-resource.xml", "GEN-1", model.Profile.UnknownPathStatus, "unknownPathStatus");
        var answer = await context.Wire.SendAsync(Slot, method, path, cancellationToken: cancellationToken, withSession: false);
        var expected = answer.Status == 403
            ? new StatusCheck(403, rule, "a request the API does not have, without a session")
            : new StatusCheck(status, rule, $"{(WrongMethod ? "PATCH on the couples list" : "an unknown path")} ({setting}={status})");
        return new StepResult($"{ModelSlot.Name(Slot)}: {method.Method} /{path} → {answer.Status}", [expected.Against(answer.Status) with { Neutral = true }], model);
    }

    public override IEnumerable<Command> Shrink() => Slot != 0 ? [this with { Slot = 0 }] : [];

    public override string ToString() => $"{ModelSlot.Name(Slot)}: {(WrongMethod ? "wrong-method" : "unknown-path")}";
}
