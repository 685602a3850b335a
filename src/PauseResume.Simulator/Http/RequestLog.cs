using System.Globalization;
using PauseResume.Simulator.Audit;

namespace PauseResume.Simulator.Http;

/// <summary>
/// One line per request with the rule that decided it, so an integrator sees at once why a client failed
/// (<c>login by agent ignored: request carried no cookie (SES-2)</c>). The latest lines are also kept in memory.
/// No password reaches a line: password parameters in the query string are masked, and bodies are never logged.
/// Every request of the legacy API is decided here, once, so this is also where the client audit is fed; control
/// requests get their line too, marked as such, but are no client's use of the recorder and so not audited.
/// Beside each line, a <see cref="RequestLogEntry"/> keeps the same facts as fields, with the time on the simulator's clock.
/// </summary>
public sealed class RequestLog(ILogger<RequestLog> logger, ClientAudit audit, TimeProvider time)
{
    private const int Kept = 1000;

    /// <summary>The longest reason a line keeps: room for the few client texts one quotes, each cut (<see cref="ClientText.Kept"/>).</summary>
    private const int ReasonKept = 1000;
    private static readonly Action<ILogger, string, Exception?> LogDecision = LoggerMessage.Define<string>(LogLevel.Information, default, "{Decision}");
    // Each entry beside its line, under one lock: one queue to trim, and the lines are always the entries' requests.
    private readonly Queue<(RequestLogEntry Entry, string Line)> entries = new();
    private readonly Lock entriesGate = new();
    private long sequence;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (entriesGate)
            {
                return [.. entries.Select(e => e.Line)];
            }
        }
    }

    /// <summary>The sequence number of the latest entry (0 before the first).</summary>
    internal long Sequence
    {
        get
        {
            lock (entriesGate)
            {
                return sequence;
            }
        }
    }

    /// <summary>The latest entries, oldest first; the same requests as <see cref="Lines"/>.</summary>
    public IReadOnlyList<RequestLogEntry> Entries => After(0);

    /// <summary>Raised after an entry is kept, on the request's thread: a handler must be quick and must not block.</summary>
    public event EventHandler? Logged;

    public void Decided(HttpContext context, int status, string why, string? rule)
    {
        ArgumentNullException.ThrowIfNull(context);
        why = Said(why);
        var fault = FaultNote.Suffix(context);
        var target = Target(context.Request);
        var note = AuditNote.Of(context);
        Keep(context, target, Line(context, target, status, why, rule is null ? string.Empty : $" ({rule})", fault), status, fault.Length == 0 ? why : why + fault, rule, note?.Login);
        audit.Observe((context, target, note, status, rule), static r => AuditedRequests.From(r.context, r.target, r.note, r.status, r.rule));
    }

    /// <summary>A legacy request a fault answered before the recorder decided it: logged, but no client's use of the recorder to audit.</summary>
    internal void Faulted(HttpContext context, int status, string why)
    {
        why = Said(why);
        var target = Target(context.Request);
        Keep(context, target, Line(context, target, status, why, string.Empty, string.Empty), status, why, null, AuditNote.Of(context)?.Login);
    }

    /// <summary>A request of the simulator's own control API: no recorder rule decides it.</summary>
    internal void Controlled(HttpContext context, int status, string why)
    {
        why = Said(why);
        var target = Target(context.Request);
        Keep(context, target, Line(context, target, status, why, " (control API)", string.Empty), status, why, null, null);
    }

    /// <summary>The kept entries whose sequence is above <paramref name="sequenceSeen"/>, oldest first.</summary>
    internal IReadOnlyList<RequestLogEntry> After(long sequenceSeen)
    {
        lock (entriesGate)
        {
            return [.. entries.Select(e => e.Entry).Where(e => e.Sequence > sequenceSeen)];
        }
    }

    private void Keep(HttpContext context, string target, string line, int status, string why, string? rule, string? user)
    {
        // One request, one line: a client's text quoted in it (a login, a parameter, a couple id) cannot break it.
        line = ClientText.Escaped(line);
        why = ClientText.Escaped(why);
        user = user is null ? null : ClientText.Escaped(ClientText.Cut(user));
        if (logger.IsEnabled(LogLevel.Information))
        {
            LogDecision(logger, line, null); // no arguments array or message template to build when nothing listens
        }

        lock (entriesGate)
        {
            entries.Enqueue((new RequestLogEntry(++sequence, time.GetUtcNow(), MethodOf(context), target, status, rule, user, why), line));
            while (entries.Count > Kept)
            {
                entries.Dequeue();
            }
        }

        Logged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>
    /// The reason as a line says it: a session id a client put in its path (<c>;jsessionid=</c>), which the reason may
    /// quote with the couple id, masked as in the target; and cut, as a reason may quote a client's text (a login, a
    /// name) of any length, and every dashboard reads the kept lines again.
    /// </summary>
    private static string Said(string why) => ClientText.Cut(SecretRedaction.Text(why), ReasonKept);

    /// <summary>The longest target a line keeps: a path of a few thousand characters, sent a thousand times by a client without a session, must not fill the kept lines (and every dashboard's snapshot of them) with megabytes (GEN-3).</summary>
    private const int TargetKept = 500;

    /// <summary>The path with its query string, passwords and session ids masked, and cut: the line's, the entry's and the audit's, worked out once.</summary>
    private static string Target(HttpRequest request) =>
        ClientText.Cut(SecretRedaction.Path(request.Path.ToString()) + (request.QueryString.HasValue ? SecretRedaction.Query(request.QueryString) : string.Empty), TargetKept);

    private static string Line(HttpContext context, string target, int status, string why, string rule, string fault) =>
        string.Create(CultureInfo.InvariantCulture, $"{MethodOf(context)} {target} → {status}: {why}{rule}{fault}");

    /// <summary>The method as a line says it: any token is a method to HTTP, up to the request line's limit, so it is cut.</summary>
    private static string MethodOf(HttpContext context) => ClientText.Cut(context.Request.Method, 40);
}
