namespace PauseResume.Simulator.Audit;

/// <summary>What the audit found, and how many requests it saw (and could not keep, past its cap).</summary>
public sealed record AuditReport(IReadOnlyList<AuditFinding> Findings, int RequestsSeen, int RequestsNotKept)
{
    public bool IsClean => Findings.Count == 0;

    /// <summary>The findings without those named (by finding name or rule id) in <paramref name="allowed"/>.</summary>
    public AuditReport Without(params IEnumerable<string> allowed)
    {
        var names = allowed.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return this with { Findings = Findings.Where(f => !names.Contains(f.Name) && !names.Contains(f.Rule)).ToList() };
    }

    /// <summary>The findings grouped by login, then in the order of the sessions, each with the requests behind it.</summary>
    public override string ToString() => ToString(int.MaxValue);

    /// <summary>As <see cref="ToString()"/>, with the first <paramref name="shown"/> findings only and a line counting the others.</summary>
    internal string ToString(int shown)
    {
        var lines = new List<string> { $"Client audit: {Findings.Count} finding(s) in {RequestsSeen} request(s)" };
        if (RequestsNotKept > 0)
        {
            lines[0] += $"; {RequestsNotKept} later request(s) were not audited (the audit keeps the first {ClientAudit.MaxRequests} requests, or fewer past about {ClientAudit.MaxKeptBytes / (1024 * 1024)} MB of them)";
        }

        foreach (var login in Findings.Take(shown).GroupBy(f => f.Login ?? "(no login)"))
        {
            lines.Add($"{login.Key}:");
            lines.AddRange(login.SelectMany(f => f.ToString().Split(Environment.NewLine).Select(line => "  " + line)));
        }

        if (Findings.Count > shown)
        {
            lines.Add($"... and {Findings.Count - shown} more finding(s), not shown: only the first {shown} are");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
