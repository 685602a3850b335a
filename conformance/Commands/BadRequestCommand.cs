using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// A request the API does not have: an unknown path under /callrec (GEN-1), a method a known path does not take
/// (GEN-2), or a path of the API spelled in another case (GEN-1: Tomcat maps the context and JAX-RS its paths as
/// written; pathCase). Each is answered with the profile's status. Sent without the session cookie, so it cannot keep a
/// session alive; an unknown path and a method are refused where unknownPathOrder and badMethodOrder say: with their
/// status, or as not logged in (403). A path in another case is
/// sent in the slot's session where the model holds it logged in and alive and its user may list, since a recorder that
/// serves it would refuse a request without one too: then a GET and a HEAD of the list or of a couple's details follow in that session, the
/// HEAD answered as the GET (GEN-2: JAX-RS runs the GET method for a HEAD and drops the entity; headMethod); that GET
/// keeps the session alive whatever the path in another case and the HEAD do.
/// </summary>
internal sealed record BadRequestCommand(int Slot, BadRequestKind Kind, int Variant = 0) : Command
{
    /// <summary>
    /// The list spelled in another case, always under /callrec/restful/ (the servlet the probe measures unknownPathStatus
    /// in; a segment before it may reach another servlet of the web application, with a status of its own). The same
    /// request under every profile, so a replay under another value of pathCase sends what failed.
    /// </summary>
    private static readonly string[] OtherCasePaths = ["callrec/restful/Couples.xml", "callrec/restful/couples.XML", "callrec/restful/COUPLES.XML"];

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
        var expected = wrongMethod ? WithoutSession(model.Profile, "PATCH on the couples list", "GEN-2", status, setting)
            : model.Profile.UnknownPathAfterLogin ? new StatusCheck(403, rule, "an unknown path without a session is refused as not logged in before the path is looked at (unknownPathOrder=after-login)", Inferred: true)
            : new StatusCheck(status, rule, $"an unknown path without a session ({setting}={status}, unknownPathOrder=before-login)", Inferred: true);
        return new StepResult($"{ModelSlot.Name(Slot)}: {method.Method} /{path} → {answer.Status}", [expected.Against(answer.Status) with { Neutral = true }], model);
    }

    private async Task<StepResult> OtherCaseAsync(StepContext context, CancellationToken cancellationToken)
    {
        var model = context.Model;
        var profile = model.Profile;
        var path = OtherCasePaths[Variant % OtherCasePaths.Length];
        var user = model.UserOf(Slot);
        // In a session only where its list would be served: a recorder may check the session and the Call List right in
        // a filter before it routes a path at all, so a refused user's 403 says nothing of the path's case.
        var inSession = user is not null && !context.SessionMayHaveEnded(Slot)
            && new ListCommand(Slot, FilterSpec.None, FilterSpec.None).ExpectedStatus(context, user).Status == 200;
        var answer = await context.Wire.SendAsync(Slot, HttpMethod.Get, path, cancellationToken: cancellationToken, withSession: inSession);
        var step = $"{ModelSlot.Name(Slot)}: GET /{path}{(inSession ? string.Empty : " without the session")} → {answer.Status}";
        var expected = OtherCaseExpected(profile, inSession ? user!.Login : null, answer.Status);
        var checks = new List<Check> { (inSession ? context.SessionPolicy(Slot, expected.Against(answer.Status)) : expected.Against(answer.Status)) with { Neutral = true } };
        if (!inSession)
        {
            return new StepResult(step, checks, model);
        }

        // GEN-2 (inferred): a HEAD of the list or of a couple's details is answered as the GET of the same, sent right before
        // (headMethod=as-get), or as a method the path does not take. The GET keeps the session alive (SES-6) whatever the
        // path in another case and the HEAD do; sent last, the HEAD is the step a reproduction script ends on.
        var target = Variant % 2 == 0 || model.Couples.IsEmpty ? "callrec/restful/couples.xml" : $"callrec/restful/couples.xml/{new CoupleRef(Variant / 2).Resolve(model)}";
        var what = target.EndsWith(".xml", StringComparison.Ordinal) ? "the couples list" : "a couple's details";
        var get = await context.Wire.SendAsync(Slot, HttpMethod.Get, target, cancellationToken: cancellationToken);
        var head = await context.Wire.SendAsync(Slot, HttpMethod.Head, target, cancellationToken: cancellationToken);
        step += $"; GET /{target} → {get.Status}; HEAD → {head.Status}";
        if (profile.HeadAsGet && context.CallsComeAndGo && head.Status != get.Status
            && await context.Wire.SendAsync(Slot, HttpMethod.Get, target, cancellationToken: cancellationToken) is { } again && again.Status == head.Status)
        {
            // Where calls come and go, the couple may have ended, started or been transferred between the two: the HEAD
            // is answered as a GET sent after it.
            return new StepResult(step + $"; GET again → {again.Status} (the couple changed meanwhile)", checks, model.Touch(Slot));
        }

        var headExpected = profile.HeadAsGet
            ? new StatusCheck(get.Status, "GEN-2", $"HEAD on {what} is answered as its GET (headMethod=as-get)", Inferred: true)
            : new StatusCheck(profile.MethodNotAllowedStatus, "GEN-2", $"HEAD on {what} is a method it does not take (headMethod=not-allowed, methodNotAllowedStatus={profile.MethodNotAllowedStatus})", Inferred: true);
        checks.Add(context.SessionPolicy(Slot, headExpected.Against(head.Status)) with { Neutral = true });
        return new StepResult(step, checks, model.Touch(Slot));
    }

    /// <summary>
    /// GEN-2 (inferred): a method the list does not take, sent without a session, is refused with its own status
    /// (<paramref name="setting"/>) before the login check (badMethodOrder=before-login), or as not logged in after it, as
    /// the probe measures on the same request.
    /// </summary>
    private static StatusCheck WithoutSession(KitProfile profile, string what, string rule, int status, string setting) =>
        profile.MethodAfterLogin
            ? new StatusCheck(403, rule, $"{what} without a session is refused as not logged in before its method (badMethodOrder=after-login)", Inferred: true)
            : new StatusCheck(status, rule, $"{what} without a session ({setting}={status}, badMethodOrder=before-login)", Inferred: true);

    /// <summary>
    /// GEN-1 (inferred): under pathCase=exact an unknown path (without a session, a 403 is as good); under pathCase=any
    /// the list, served in the session of <paramref name="login"/> (who may list), refused without one.
    /// </summary>
    private static StatusCheck OtherCaseExpected(KitProfile profile, string? login, int actual) =>
        profile.PathsInAnyCase
            ? login is not null
                ? new StatusCheck(200, "GEN-1", $"the list spelled in another case is served as the list (pathCase=any), in {login}'s session", Inferred: true)
                : new StatusCheck(403, "GEN-1", "the list spelled in another case is served as the list (pathCase=any), which refuses a request without a session", Inferred: true)
            : login is null && actual == 403
            ? new StatusCheck(403, "GEN-1", "a path of the API in another case, without a session")
            : new StatusCheck(profile.UnknownPathStatus, "GEN-1", $"a path of the API spelled in another case is an unknown path, as Tomcat and JAX-RS match paths as written (pathCase=exact, unknownPathStatus={profile.UnknownPathStatus}){(login is null ? string.Empty : $", in {login}'s session")}", Inferred: true);

    public override IEnumerable<Command> Shrink() => Slot != 0 ? [this with { Slot = 0 }] : [];

    public override string ToString() => $"{ModelSlot.Name(Slot)}: {Kind switch
    {
        BadRequestKind.WrongMethod => "wrong-method",
        BadRequestKind.OtherCase => $"other-case #{Variant}",
        _ => "unknown-path",
    }}";
}
