using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// POST logoutAction.do (SES-5): afterwards the session is not logged in (documented; later steps check it). That
/// the answer looks like a login's (logoutPage=login; a page of its own under own), and the cookie it sets, are
/// inferences (SES-5's path and answer, SES-4).
/// </summary>
/// <param name="KeepOldSession">After the answer, the slot goes on with the id the logout named, as a client that
/// ignores the answer's cookie would (or one that stole the id): that session must be the one logged out (SES-5), not
/// only the fresh id the answer hands out.</param>
internal sealed record LogoutCommand(int Slot, bool KeepOldSession = false) : Command
{
    public override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var previous = context.Wire.SessionOf(Slot);
        var answer = await context.Wire.SendAsync(Slot, HttpMethod.Post, "callrec/logoutAction.do", string.Empty, cancellationToken: cancellationToken);
        var checks = new List<Check>();
        var asLogin = context.Model.Profile.LogoutAnsweredAsLogin;
        if (asLogin && context.Memory.LoginGist is { } gist)
        {
            // As SES-3 compares logins: a per-request token or the time in the page tells nothing.
            checks.Add(Check.That("SES-5", Wire.Exchange.GistsAgree(answer.Gist, gist), "a logout is answered as a login (logoutPage=login, inferred)", $"as for {context.Memory.FirstLoginStep}", answer.Gist).Inferred() with { Neutral = true });
        }

        if (asLogin
                ? answer.Status is >= 300 and < 500 && !((context.Memory.LoginGist ?? context.LoginGistSeen) is { } login && Wire.Exchange.GistsAgree(answer.Gist, login))
                : answer.Status is >= 400 and < 500)
        {
            // Only "a POST" is documented; the path is our inference. A redirect or a refusal there (404, 405, 400, ...)
            // says this server has no logout at that path, or not one answered as a login is: whether the session
            // ended is unknown, so the scenario ends on this difference instead of going on as if it had. (A redirect
            // that every login answers too, as a Struts action's is, is a logout answered as a login; in a scenario
            // without a login, as an earlier scenario's login was answered. Under logoutPage=own any page or redirect
            // is a logout's own; only a refusal is none.)
            checks.Add(Check.That("SES-5", false, "a logout at /callrec/logoutAction.do (the path is inferred)", "a logout answer", answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inferred());
            return new StepResult($"{ModelSlot.Name(Slot)}: logout → {answer.Status}", checks, context.Model);
        }

        checks.AddRange(SessionCookie.Checks(answer, previous, context.Memory, context.Model, logout: true, loggedIn: context.Model.Slot(Slot).User is not null && !context.SessionMayHaveEnded(Slot)));
        var keeps = KeepOldSession && previous is not null && context.Wire.SessionOf(Slot) != previous;
        if (keeps)
        {
            context.Wire.UseSession(Slot, previous);
            context.Wire.Note(Wire.CurlScript.KeepsOldSession(Slot));
        }

        var next = context.Model.WithSlot(Slot, new ModelSlot(null, context.Model.Slot(Slot).User is null ? context.Model.Slot(Slot).Because : "SES-5", context.Model.Now));
        return new StepResult($"{ModelSlot.Name(Slot)}: logout → {answer.Status}{(keeps ? ", then goes on with its old session id" : string.Empty)}", checks, next);
    }

    public override IEnumerable<Command> Shrink()
    {
        if (KeepOldSession)
        {
            yield return this with { KeepOldSession = false };
        }

        if (Slot != 0)
        {
            yield return this with { Slot = 0 };
        }
    }

    public override string ToString() => $"{ModelSlot.Name(Slot)}: logout{(KeepOldSession ? "(keeps old id)" : string.Empty)}";
}
