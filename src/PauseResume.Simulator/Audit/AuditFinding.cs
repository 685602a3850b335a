namespace PauseResume.Simulator.Audit;

/// <summary>
/// A habit of a client that a real recorder could punish, even if every request happened to succeed here.
/// </summary>
/// <param name="Name">A stable name, such as <c>login-without-cookie</c>, for allowing a finding in a test.</param>
/// <param name="Rule">The rule of the API the habit leans on.</param>
/// <param name="Session">The client's session as the audit numbers them (<c>session 2</c>); a re-login stays in it.</param>
/// <param name="Login">The user logged in on that session, if any was.</param>
/// <param name="Risk">What a real recorder does to such a client, and what to do instead.</param>
/// <param name="Requests">The requests behind the finding, in the order they came.</param>
public sealed record AuditFinding(string Name, string Rule, string Session, string? Login, string Risk, IReadOnlyList<AuditedRequest> Requests)
{
    public override string ToString() =>
        $"{Rule} {Name} in {Session}{(Login is null ? string.Empty : $" ({Login})")}: {Risk}"
        + string.Concat(Requests.Select(r => $"{Environment.NewLine}    {r}"));
}
