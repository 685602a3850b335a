using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// POST loginAction.do as user #<see cref="User"/> (-1: an unknown user), with or without a cookie (SES-1..4), the
/// fields in the form body or, to learn the profile's <c>loginParameters</c>, in the query string.
/// </summary>
/// <param name="KeepOldSession">After the answer, the slot goes on with the id it had, as a client that ignores a
/// Set-Cookie would: what a login does to the session its request named (failedLoginSession) shows then.</param>
internal sealed record LoginCommand(int Slot, int User, PasswordKind Password, bool WithCookie, bool InQuery = false, bool KeepOldSession = false) : Command
{
    public override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var model = context.Model;
        var users = model.Users.Values.OrderBy(u => u.Login, StringComparer.Ordinal).ToList();
        var user = User >= 0 && users.Count > 0 ? users[User % users.Count] : null;
        var login = user?.Login ?? "nobody-such";
        var password = Password switch
        {
            PasswordKind.Right or PasswordKind.Repeated => user?.Password ?? "whatever",
            PasswordKind.Wrong => (user?.Password ?? string.Empty) + "-wrong",
            _ => null,
        };
        var pair = $"login={Uri.EscapeDataString(login)}" + (password is null ? string.Empty : $"&password={Uri.EscapeDataString(password)}");
        var fields = Password switch
        {
            PasswordKind.NoLogin => $"password={Uri.EscapeDataString(user?.Password ?? "whatever")}",
            PasswordKind.Repeated => pair + "&" + pair,
            _ => pair,
        };
        if (user is not null && Password != PasswordKind.NoLogin)
        {
            context.Memory.SentLogin(user.Login, context.Wire.Transcript.Count); // a lockout or one session per user may follow (see StepContext.SessionPolicy)
        }

        var previous = context.Wire.SessionOf(Slot);
        var answer = await context.Wire.SendAsync(Slot, HttpMethod.Post, "callrec/loginAction.do" + (InQuery ? "?" + fields : string.Empty), InQuery ? string.Empty : fields, WithCookie, cancellationToken: cancellationToken);

        // SES-1/SES-2 (documented); the query string is read only under loginParameters=form-and-query (inferred).
        // Both readings of a field sent twice with one value agree; that such a login works is still our inference,
        // so a later refusal of its session is blamed on GEN-3 (inferred), not on SES-1.
        // SES-4 (inferred, sessionsPerUser=first-wins): while the user is logged in in another session, the login does nothing.
        var heldElsewhere = model.Profile.FirstSessionWins && user is not null && model.LoggedInElsewhere(user.Login, Slot);
        var credentialsRight = WithCookie && user is not null && Password is (PasswordKind.Right or PasswordKind.Repeated) && (!InQuery || model.Profile.LoginReadsQuery);
        var worked = credentialsRight && !heldElsewhere ? user!.Login : null;
        var because = !WithCookie ? "SES-2" : credentialsRight && heldElsewhere ? "SES-4" : Password == PasswordKind.Repeated ? "GEN-3" : "SES-1";
        var step = $"{ModelSlot.Name(Slot)}: login({login}, {(user is null && Password is PasswordKind.Right or PasswordKind.Repeated ? "a password" : Describe(Password))}, {(WithCookie ? "with a cookie" : "no cookie")}{(InQuery ? ", fields in the query" : string.Empty)})";
        var checks = new List<Check>();

        // SES-3 (its inferred part; SES-4's default): a login is answered with a page (200 text/html); a recorder whose login action redirects answers
        // every login with a redirect (loginPage=redirect). SES-3 documents only that every login is answered alike, so a
        // recorder that redirected passed unnoticed, and a client tested against the page never met the 302 it would get.
        var redirected = answer.Status is >= 300 and < 400;
        checks.Add(Check.That(
            "SES-3", redirected == model.Profile.LoginRedirects, "a login is answered with a page, or under loginPage=redirect with a redirect (inferred)",
            model.Profile.LoginRedirects ? "a redirect (3xx)" : "a page (200)",
            $"{answer.Status}{(redirected && answer.Header("Location") is { } to ? " to " + to : string.Empty)}").Inferred() with { Neutral = true });
        if (context.Memory.LoginShape is null)
        {
            context.Memory.LoginShape = answer.Shape;
            context.Memory.LoginGist = answer.Gist;
            context.Memory.FirstLoginStep = step;
        }
        else
        {
            // SES-3 documents one status, content type and body for every login; that the body is the same byte for byte
            // is our reading (loginPage=fixed): a page may carry a per-request token or the time (loginPage=token),
            // which tells nothing about the outcome.
            var (firstGist, thisGist) = Excerpts(context.Memory.LoginGist!, answer.Gist);
            checks.Add(Check.That(
                "SES-3", Wire.Exchange.GistsAgree(answer.Gist, context.Memory.LoginGist!), "every login answer has the same status, content type and body (numbers and tokens aside), whatever happened",
                $"as for {context.Memory.FirstLoginStep}: {firstGist}", thisGist));
            if (model.Profile.FixedLoginPage)
            {
                var (firstShape, thisShape) = Excerpts(context.Memory.LoginShape, answer.Shape);
                checks.Add(Check.That(
                    "SES-3", answer.Shape == context.Memory.LoginShape, "every login answer has the same body, byte for byte (loginPage=fixed, inferred)",
                    $"as for {context.Memory.FirstLoginStep}: {firstShape}", thisShape).Inferred() with { Neutral = true });
            }
        }

        checks.AddRange(SessionCookie.Checks(answer, previous, context.Memory, model, worked: worked is not null));
        var after = After(model, answer, previous, worked, because);
        var leftBehind = model.LeftBehind;
        ModelSlot? ignored = null; // the login's own session, when the slot goes on with its old id
        if (KeepOldSession && previous is not null && context.Wire.SessionOf(Slot) != previous)
        {
            // The new id the slot now ignores is logged in if the login worked: a session left behind (see ModelState).
            ignored = worked is null ? null : new ModelSlot(worked, "SES-4", model.Now);
            leftBehind = ignored is null ? leftBehind : leftBehind.Add(ignored);
            // The id the request named: a login that worked moved the user to the new id; a failed one left the named
            // session as failedLoginSession says.
            context.Wire.UseSession(Slot, previous);
            context.Wire.Note(Wire.CurlScript.KeepsOldSession(Slot));
            var named = model.Slot(Slot);
            // That a login which worked ends the session its request named is an inference (SES-4), not SES-1; so is that a
            // failed one does (failedLoginSession), and a session held not logged in by such an inference stays so for it.
            after = WithCookie && named.User is not null && (worked is null ? !model.Profile.FailedLoginLogsOut : !model.Profile.SuccessfulLoginReplaces) ? named with { LastSeen = model.Now }
                : !WithCookie ? model.Slots[Slot]
                : new ModelSlot(null, worked is null && named.User is null && named.Because != "SES-4" ? because : "SES-4", model.Now);
            step += ", then goes on with its old session id";
        }
        else if (context.Wire.SessionOf(Slot) != previous && model.Slot(Slot) is { User: not null } held
            && (!WithCookie || (worked is null ? !model.Profile.FailedLoginLogsOut : !model.Profile.SuccessfulLoginReplaces)))
        {
            // The slot moved to the id the answer set, and the server did not end the logged-in session it held: the request
            // did not name it (no cookie), or the login left it logged in (failedLoginSession or successfulLoginSession=unchanged).
            leftBehind = leftBehind.Add(held with { LastSeen = WithCookie ? model.Now : held.LastSeen });
        }

        var next = model.WithSlot(Slot, after) with { LeftBehind = leftBehind };
        if (worked is not null && model.Profile.OneSessionPerUser)
        {
            // SES-4 (inferred, sessionsPerUser=one): the login ends the other sessions its user held, left behind ones too.
            next = next with { LeftBehind = leftBehind.RemoveAll(s => s.User == worked && !ReferenceEquals(s, ignored)) };
            foreach (var other in Enumerable.Range(0, ModelState.SlotCount).Where(s => s != Slot && model.Slot(s).User == worked))
            {
                next = next.WithSlot(other, new ModelSlot(null, "SES-4", model.Now));
            }

            if (ignored is not null && after.User == worked)
            {
                // The slot went on with the old id, which that user's login left logged in (successfulLoginSession=unchanged):
                // the user's session kept is the new one the slot ignores.
                next = next.WithSlot(Slot, new ModelSlot(null, "SES-4", model.Now));
            }
        }

        return new StepResult($"{step} → {answer.Status}", checks, next);
    }

    /// <summary>
    /// The slot's session after the login. A new id (SES-4) is logged in only if the login worked. Where the server
    /// kept the id the request named (loginSessionId=kept), a failed login leaves it as failedLoginSession says;
    /// a request without cookies named no session, so it changed nothing.
    /// </summary>
    private ModelSlot After(ModelState model, Wire.Exchange answer, string? previous, string? worked, string because)
    {
        var renewed = Wire.Wire.SetCookieSession(answer) is { } id && id != previous;
        if (worked is not null)
        {
            return new ModelSlot(worked, because, model.Now) { LoggedInAt = model.Now, AnsweredAt = model.Now };
        }

        if (renewed)
        {
            return new ModelSlot(null, because, model.Now);
        }

        // No new id: the session the request named goes on, and what a failed login does to it is inferred (SES-4:
        // loginSessionId, failedLoginSession). A 403 to it later is expected by that inference, not by SES-1. One the model
        // already holds not logged in stays so for the reason it was: where an earlier failed login's logout was inferred,
        // a second failed login naming it does not make that a documented one.
        var named = model.Slot(Slot);
        var inferred = WithCookie && named.User is not null ? "SES-4" : WithCookie && named.Because == "SES-4" ? named.Because : because;
        if (model.Profile.FreshSessionIds)
        {
            return new ModelSlot(null, inferred, model.Now);
        }

        if (!WithCookie)
        {
            // The request named no session: the one the slot holds is untouched. A slot that never logged in, a success
            // now would break SES-2; one held not logged in for a reason of its own (a failed login, a logout, an expiry,
            // an inference of SES-4) keeps it, since this request changed nothing of that session.
            var untouched = model.Slots[Slot];
            return untouched.User is null && untouched.Because == ModelSlot.Fresh.Because ? untouched with { Because = because } : untouched;
        }

        return named.User is not null && !model.Profile.FailedLoginLogsOut ? named with { LastSeen = model.Now } : new ModelSlot(null, inferred, model.Now);
    }

    /// <summary>SES-2 broken: this login without a cookie worked as one with a cookie does.</summary>
    public override Command? AsBreaking(string rule) =>
        rule == "SES-2" && !WithCookie && Password is PasswordKind.Right or PasswordKind.Repeated ? this with { WithCookie = true } : null;

    public override IEnumerable<Command> Shrink()
    {
        if (!WithCookie)
        {
            yield return this with { WithCookie = true };
        }

        if (InQuery)
        {
            yield return this with { InQuery = false };
        }

        if (KeepOldSession)
        {
            yield return this with { KeepOldSession = false };
        }

        if (Password != PasswordKind.Right)
        {
            yield return this with { Password = PasswordKind.Right };
        }

        if (Slot != 0)
        {
            yield return this with { Slot = 0 };
        }
    }

    public override string ToString() => $"{ModelSlot.Name(Slot)}: login(user #{User}, {Describe(Password)}, {(WithCookie ? "cookie" : "no cookie")}{(InQuery ? ", query" : string.Empty)}{(KeepOldSession ? ", keeps old id" : string.Empty)})";

    private static string Describe(PasswordKind password) => password switch
    {
        PasswordKind.Right => "right password",
        PasswordKind.Wrong => "wrong password",
        PasswordKind.NoLogin => "no login field",
        PasswordKind.Repeated => "every field twice",
        _ => "no password field",
    };

    /// <summary>
    /// Two answers as a report shows them: whole where short, else each from a little before the first place they
    /// differ, so the difference is in both excerpts (a page's first hundred characters are often the same).
    /// </summary>
    internal static (string First, string Second) Excerpts(string first, string second)
    {
        const int Shown = 120, Before = 30;
        var at = first.AsSpan().CommonPrefixLength(second);
        var from = (first.Length <= Shown && second.Length <= Shown) || at < Shown - Before ? 0 : at - Before;
        string Cut(string text)
        {
            var rest = from >= text.Length ? string.Empty : text[from..];
            return (from > 0 ? "…" : string.Empty) + (rest.Length <= Shown ? rest : rest[..Shown] + "…");
        }

        return (Cut(first).ReplaceLineEndings("⏎"), Cut(second).ReplaceLineEndings("⏎"));
    }
}
