using System.Collections.Concurrent;
using PauseResume.Simulator.Audit;

namespace PauseResume.Simulator.Http;

/// <summary>
/// One line per request with the rule that decided it, so an integrator sees at once why a client failed
/// (<c>login by agent ignored: request carried no cookie (SES-2)</c>). The latest lines are also kept in memory.
/// No password reaches a line: password parameters in the query string are masked, and bodies are never logged.
/// Every request of the legacy API is decided here, once, so this is also where the client audit is fed; control
/// requests get their line too, marked as such, but are no client's use of the recorder and so not audited.
/// </summary>
public sealed class RequestLog(ILogger<RequestLog> logger, ClientAudit audit)
{
    private const int Kept = 1000;
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => lines.ToArray();

    public void Decided(HttpContext context, int status, string why, string? rule)
    {
        Write(Line(context, status, why) + (rule is null ? string.Empty : $" ({rule})") + FaultNote.Suffix(context));
        audit.Observe(AuditedRequests.From(context, status, rule));
    }

    /// <summary>A legacy request a fault answered before the recorder decided it: logged, but no client's use of the recorder to audit.</summary>
    internal void Faulted(HttpContext context, int status, string why) => Write(Line(context, status, why));

    /// <summary>A request of the simulator's own control API: no recorder rule decides it.</summary>
    internal void Controlled(HttpContext context, int status, string why) => Write(Line(context, status, why) + " (control API)");

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
