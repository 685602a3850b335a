namespace PauseResume.Simulator.Http;

/// <summary>
/// What a handler's domain call showed that the response alone does not (SES-3 hides a login's outcome), kept on the
/// request for the audit: who it was decided for, whether a login worked and whether the session it named was logged in
/// already, whether a 403 means "not logged in", and which couples the answer linked.
/// </summary>
internal sealed record AuditNote(
    string? Login, bool LoggedIn = false, bool SessionNotLoggedIn = false, IReadOnlyList<long>? Links = null, bool NamedLoggedInSession = false)
{
    private static readonly object Key = new();

    public static void Set(HttpContext context, AuditNote note) => context.Items[Key] = note;

    public static AuditNote? Of(HttpContext context) => context.Items.TryGetValue(Key, out var note) ? note as AuditNote : null;
}
