using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>POST logoutAction.do (SES-5): answered as a login is, and the session is logged out afterwards.</summary>
internal sealed record LogoutCommand(int Slot) : Command
{
    public override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var previous = context.Wire.SessionOf(Slot);
        var answer = await context.Wire.SendAsync(Slot, HttpMethod.Post, "callrec/logoutAction.do", string.Empty, true, cancellationToken);
        var checks = new List<Check>();
        if (context.Memory.LoginShape is { } shape)
        {
            checks.Add(Check.That("SES-5", answer.Shape == shape, "a logout is answered as a login", $"as for {context.Memory.FirstLoginStep}", answer.Shape));
        }

        checks.AddRange(LoginCommand.SessionCookieChecks(answer, previous, context.Memory, context.Model.Profile.Name, "SES-5"));
        var next = context.Model.WithSlot(Slot, new ModelSlot(null, "SES-5", context.Model.Now));
        return new StepResult($"{ModelSlot.Name(Slot)}: logout → {answer.Status}", checks, next);
    }

    public override IEnumerable<Command> Shrink() => Slot != 0 ? [this with { Slot = 0 }] : [];

    public override string ToString() => $"{ModelSlot.Name(Slot)}: logout";
}
