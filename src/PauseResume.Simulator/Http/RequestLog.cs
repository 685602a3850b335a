using System.Collections.Concurrent;
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
    private readonly ConcurrentQueue<string> lines = new();
    private readonly Queue<RequestLogEntry> entries = new();
    private readonly Lock entriesGate = new();
    private long sequence;

    public IReadOnlyList<string> Lines => lines.ToArray();

    /// <summary>The latest entries, oldest first; the same requests as <see cref="Lines"/>.</summary>
    public IReadOnlyList<RequestLogEntry> Entries => After(0);

    /// <summary>Raised after an entry is kept, on the request's thread: a handler must be quick and must not block.</summary>
    public event EventHandler? Logged;

    public void Decided(HttpContext context, int status, string why, string? rule)
    {
        var fault = FaultNote.Suffix(context);
        Write(Line(context, status, why) + (rule is null ? string.Empty : $" ({rule})") + fault);
        Keep(context, status, why + fault, rule, AuditNote.Of(context)?.Login);
        audit.Observe(AuditedRequests.From(context, status, rule));
    }

    /// <summary>A legacy request a fault answered before the recorder decided it: logged, but no client's use of the recorder to audit.</summary>
    internal void Faulted(HttpContext context, int status, string why)
    {
        Write(Line(context, status, why));
        Keep(context, status, why, null, AuditNote.Of(context)?.Login);
    }

    /// <summary>A request of the simulator's own control API: no recorder rule decides it.</summary>
    internal void Controlled(HttpContext context, int status, string why)
    {
        Write(Line(context, status, why) + " (control API)");
        Keep(context, status, why, null, null);
    }

    /// <summary>The kept entries whose sequence is above <paramref name="sequenceSeen"/>, oldest first.</summary>
    internal IReadOnlyList<RequestLogEntry> After(long sequenceSeen)
    {
        lock (entriesGate)
        {
            return entries.Where(e => e.Sequence > sequenceSeen).ToList();
        }
    }

    private void Keep(HttpContext context, int status, string why, string? rule, string? user)
    {
        var path = $"{context.Request.Path}{SecretRedaction.Query(context.Request.QueryString)}";
        lock (entriesGate)
        {
            entries.Enqueue(new RequestLogEntry(++sequence, time.GetUtcNow(), context.Request.Method, path, status, rule, user, why));
            while (entries.Count > Kept)
            {
                entries.Dequeue();
            }
        }

        Logged?.Invoke(this, EventArgs.Empty);
    }

    private static string Line(HttpContext context, int status, string why) =>
        $"{context.Request.Method} {context.Request.Path}{SecretRedaction.Query(context.Request.QueryString)} → {status}: {why}";

    private void Write(string line)
    {
        lines.Enqueue(line);
        while (lines.Count > Kept && lines.TryDequeue(out _))
        {
        }

        logger.LogInformation("{Decision}", line);
    }
}
