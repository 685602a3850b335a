using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// A request the API does not have: an unknown path under /callrec (GEN-1), a method a known path does not take
/// (GEN-2), or a path of the API spelled in another case (GEN-1: Tomcat maps the context and JAX-RS its paths as
/// written). Each is answered with the profile's status. Sent without the session cookie, so it cannot keep a session
/// alive; a 403 is as good (whether the login or the path is checked first is open). A path in another case is sent in
/// the slot's session where the model holds it logged in and alive, since a recorder that serves it would refuse a
/// request without one too: then a HEAD of the list follows in that session, answered as its GET (GEN-2: JAX-RS runs
/// the GET method for a HEAD and drops the entity), which also keeps the session alive whatever the 404 did.
/// </summary>
internal sealed record BadRequestCommand(int Slot, BadRequestKind Kind, int Variant = 0) : Command
{
    public override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var model = context.Model;
        if (Kind == BadRequestKind.OtherCase)
        {
            return await OtherCaseAsync(context, cancellationToken);
        }

        var wrongMethod = Kind == BadRequestKind.WrongMethod;
        var (method, path, rule, status, setting) = wrongMethod
            ? (HttpMethod.Patch, "callrec/restful/couples.xml", "GEN-2", model.Profile.MethodNotAllowedStatus, "methodNotAllowedStatus")
            : (HttpMethod.Get, "callrec/restful/no-such-resource.xml", "GEN-1", model.Profile.UnknownPathStatus, "unknownPathStatus");
        var answer = await context.Wire.SendAsync(Slot, method, path, cancellationToken: cancellationToken, withSession: false);
        var expected = answer.Status == 403
            ? new StatusCheck(403, rule, "a request the API does not have, without a session")
            : new StatusCheck(status, rule, $"{(wrongMethod ? "PATCH on the couples list" : "an unknown path")} ({setting}={status})");
        return new StepResult($"{ModelSlot.Name(Slot)}: {method.Method} /{path} → {answer.Status}", [expected.Against(answer.Status) with { Neutral = true }], model);
    }

    private async Task<StepResult> OtherCaseAsync(StepContext context, CancellationToken cancellationToken)
    {
        var model = context.Model;
        var status = model.Profile.UnknownPathStatus;
        var path = OtherCasePath(model);
        var user = model.UserOf(Slot);
        var inSession = user is not null && !context.SessionMayHaveEnded(Slot);
        var answer = await context.Wire.SendAsync(Slot, HttpMethod.Get, path, cancellationToken: cancellationToken, withSession: inSession);
        var step = $"{ModelSlot.Name(Slot)}: GET /{path}{(inSession ? string.Empty : " without the session")} → {answer.Status}";
        var expected = !inSession && answer.Status == 403
            ? new StatusCheck(403, "GEN-1", "a path of the API in another case, without a session")
            : new StatusCheck(status, "GEN-1", $"a path of the API spelled in another case is an unknown path, as Tomcat and JAX-RS match paths as written (unknownPathStatus={status}){(inSession ? $", in {user!.Login}'s session" : string.Empty)}");
        var checks = new List<Check> { expected.Against(answer.Status) with { Neutral = true } };
        if (!inSession)
        {
            return new StepResult(step, checks, model);
        }

        // GEN-2 (inferred): HEAD is answered as the GET: the list's status for this session, and no body.
        var head = await context.Wire.SendAsync(Slot, HttpMethod.Head, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
        var asGet = new ListCommand(Slot, FilterSpec.None, FilterSpec.None).ExpectedStatus(context, user);
        var headCheck = new StatusCheck(asGet.Status, "GEN-2", $"HEAD on the couples list is answered as its GET would be ({asGet.Rule}: {asGet.Why})", Inferred: true).Against(head.Status);
        checks.Add(context.SessionPolicy(Slot, headCheck) with { Neutral = true });
        checks.Add(Check.That("GEN-2", head.Body.Length == 0, "the answer to a HEAD has no body", "no body", $"{head.Body.Length} characters").Inferred() with { Neutral = true });
        step += $"; HEAD /callrec/restful/couples.xml → {head.Status}";
        if (head.Status != asGet.Status)
        {
            // Whether a recorder that answers a HEAD otherwise kept the session alive is unknown: a GET surely does (SES-6).
            var get = await context.Wire.SendAsync(Slot, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: cancellationToken);
            step += $"; GET /callrec/restful/couples.xml → {get.Status}";
        }

        return new StepResult(step, checks, model.Touch(Slot));
    }

    /// <summary>The list, a couple's details or its pausedState (a GET it does not take) with one part in another case.</summary>
    private string OtherCasePath(ModelState model)
    {
        var id = new CoupleRef(Variant).Resolve(model);
        return (Variant % 5) switch
        {
            0 => "callrec/restful/Couples.xml",
            1 => "callrec/restful/couples.XML",
            2 => "callrec/Restful/couples.xml",
            3 => $"callrec/restful/Couples.xml/{id}",
            _ => $"callrec/restful/couples.xml/{id}/PausedState",
        };
    }

    public override IEnumerable<Command> Shrink() => Slot != 0 ? [this with { Slot = 0 }] : [];

    public override string ToString() => $"{ModelSlot.Name(Slot)}: {Kind switch
    {
        BadRequestKind.WrongMethod => "wrong-method",
        BadRequestKind.OtherCase => $"other-case #{Variant}",
        _ => "unknown-path",
    }}";
}
