using System.Text.RegularExpressions;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>POST loginAction.do as user #<see cref="User"/> (-1: an unknown user), with or without a cookie (SES-1..4).</summary>
internal sealed partial record LoginCommand(int Slot, int User, PasswordKind Password, bool WithCookie) : Command
{
    public override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var model = context.Model;
        var users = model.Users.Values.OrderBy(u => u.Login, StringComparer.Ordinal).ToList();
        var user = User >= 0 && users.Count > 0 ? users[User % users.Count] : null;
        var login = user?.Login ?? "nobody-such";
        var password = Password switch
        {
            PasswordKind.Right => user?.Password ?? "whatever",
            PasswordKind.Wrong => (user?.Password ?? string.Empty) + "-wrong",
            _ => null,
        };
        var form = $"login={Uri.EscapeDataString(login)}" + (password is null ? string.Empty : $"&password={Uri.EscapeDataString(password)}");
        var previous = context.Wire.SessionOf(Slot);
        var answer = await context.Wire.SendAsync(Slot, HttpMethod.Post, "callrec/loginAction.do", form, WithCookie, cancellationToken);

        var worked = WithCookie && user is not null && Password == PasswordKind.Right;
        var because = worked ? "SES-1" : WithCookie ? "SES-1" : "SES-2";
        var step = $"{ModelSlot.Name(Slot)}: login({login}, {Describe(Password)}, {(WithCookie ? "with a cookie" : "no cookie")})";
        var checks = new List<Check>();
        if (context.Memory.LoginShape is null)
        {
            context.Memory.LoginShape = answer.Shape;
            context.Memory.FirstLoginStep = step;
        }
        else
        {
            checks.Add(Check.That(
                "SES-3", answer.Shape == context.Memory.LoginShape, "every login answer is the same, whatever happened",
                $"as for {context.Memory.FirstLoginStep}: {Short(context.Memory.LoginShape)}", Short(answer.Shape)));
        }

        checks.AddRange(SessionCookieChecks(answer, previous, context.Memory, model.Profile.Name, "SES-4"));
        var next = model.WithSlot(Slot, new ModelSlot(worked ? user!.Login : null, because, model.Now));
        return new StepResult($"{step} → {answer.Status}", checks, next);
    }

    /// <summary>SES-4 (inferred): a fresh JSESSIONID of 32 upper-case hex digits, Path=/callrec, HttpOnly; a logout answers alike (SES-5).</summary>
    internal static IEnumerable<Check> SessionCookieChecks(Wire.Exchange answer, string? previous, RunMemory memory, string profile, string rule)
    {
        var setCookie = answer.Header("Set-Cookie")?.Split('\n').LastOrDefault(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal));
        var id = Wire.Wire.SetCookieSession(answer);
        yield return Check.That(
            rule, setCookie is not null && SessionCookie().IsMatch(setCookie), $"the answer sets a servlet session cookie (profile {profile})",
            "JSESSIONID=<32 upper-case hex>; Path=/callrec; HttpOnly", setCookie ?? "no JSESSIONID cookie");
        if (id is not null)
        {
            yield return Check.That(rule, id != previous && memory.IsFresh(id), "the session id is fresh", "an id never seen before", id);
        }
    }

    public override IEnumerable<Command> Shrink()
    {
        if (!WithCookie)
        {
            yield return this with { WithCookie = true };
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

    public override string ToString() => $"{ModelSlot.Name(Slot)}: login(user #{User}, {Describe(Password)}, {(WithCookie ? "cookie" : "no cookie")})";

    private static string Describe(PasswordKind password) => password switch
    {
        PasswordKind.Right => "right password",
        PasswordKind.Wrong => "wrong password",
        _ => "no password field",
    };

    private static string Short(string text) => text.Length <= 120 ? text : text[..120] + "…";

    [GeneratedRegex("^JSESSIONID=[0-9A-F]{32}; *Path=/callrec; *HttpOnly$", RegexOptions.IgnoreCase)]
    private static partial Regex SessionCookie();
}
