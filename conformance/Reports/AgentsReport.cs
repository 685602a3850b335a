using System.Globalization;
using System.Text;
using System.Xml.Linq;
using PauseResume.Conformance.Concurrency;

namespace PauseResume.Conformance.Reports;

/// <summary>
/// The report of a run of concurrent agents: a line per couple, and for each couple whose history cannot be
/// linearized, the smallest window that cannot, as a timeline. The same content as text, Markdown and JUnit (one test
/// case per couple; a lost pause is a "documented-rule-broken" failure, a window a "profile-difference" one).
/// </summary>
internal static class AgentsReport
{
    public static string Text(AgentsResult result, string replay)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"\n{result.Verdict}\n");
        text.Append(Summary(result)).Append('\n');
        foreach (var couple in result.Couples.Where(c => !c.Passed))
        {
            text.Append('\n').Append(Failure(couple));
        }

        if (LagPastSettle(result) is { } late)
        {
            text.Append('\n').Append(late).Append('\n');
        }

        foreach (var couple in result.Couples.Where(c => c.Lagged))
        {
            text.Append(CultureInfo.InvariantCulture, $"LAG couple {couple.Couple}: {Lagged(couple)}\n");
        }

        foreach (var couple in result.NotChecked)
        {
            text.Append(CultureInfo.InvariantCulture, $"NOT CHECKED couple {couple.Couple}: {couple.NotChecked}\n");
        }

        foreach (var problem in result.AuditProblems)
        {
            text.Append(CultureInfo.InvariantCulture, $"AUDIT {problem}\n");
        }

        foreach (var problem in result.AuditUnchecked)
        {
            text.Append(CultureInfo.InvariantCulture, $"AUDIT UNCHECKED {problem}\n");
        }

        if (!result.Couples.All(c => c.Passed) || result.LagPastSettle)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nThe agents' choices replay with: {replay} (their timing is the server's own)\n");
        }

        return text.ToString();
    }

    public static string Markdown(AgentsResult result, string replay)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Concurrent agents against {result.Target}\n\n**{result.Verdict}**\n\n{Summary(result)}\n\n");
        md.Append("| couple | shared | operations | no answer | verdict |\n|---|---|---|---|---|\n");
        foreach (var c in result.Couples)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {c.Couple} | {(c.Shared ? "yes" : "no")} | {c.Operations} | {c.Unknown} | {Status(c)} |\n");
        }

        foreach (var couple in result.Couples.Where(c => !c.Passed))
        {
            md.Append(CultureInfo.InvariantCulture, $"\n## Couple {couple.Couple}\n\n```\n{Failure(couple)}```\n");
        }

        if (LagPastSettle(result) is { } late)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n## Details lag\n\n{late}\n");
        }

        foreach (var problem in result.AuditProblems)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n- AUDIT {problem}\n");
        }

        foreach (var problem in result.AuditUnchecked)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n- AUDIT UNCHECKED {problem}\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"\nReplay the agents' choices: `{replay}`\n");
        return md.ToString();
    }

    public static XDocument JUnit(AgentsResult result) => new(
        new XElement(
            "testsuites",
            new XElement(
                "testsuite",
                new XAttribute("name", $"PauseResume concurrent agents against {result.Target}"),
                new XAttribute("tests", result.Couples.Count + (result.MeasuredLag is null ? 0 : 1) + (result.AuditProblems.Count == 0 ? 0 : 1) + (result.NotConcurrent is null ? 0 : 1)),
                new XAttribute("failures", result.Couples.Count(c => !c.Passed) + (result.LagPastSettle ? 1 : 0) + (result.AuditProblems.Count == 0 ? 0 : 1)),
                new XElement("properties",
                    new XElement("property", new XAttribute("name", "seed"), new XAttribute("value", result.Plan.Seed)),
                    new XElement("property", new XAttribute("name", "agents"), new XAttribute("value", result.Plan.Agents)),
                    new XElement("property", new XAttribute("name", "verdict"), new XAttribute("value", result.Verdict))),
                result.Couples.Select(c => new XElement(
                    "testcase",
                    new XAttribute("classname", "concurrency"),
                    new XAttribute("name", $"couple {c.Couple}: an order consistent with real time explains every answer"),
                    new XElement("system-out", $"{c.Operations} operation(s), {c.Unknown} without an answer" + (c.Lagged ? $"; {Lagged(c)}" : string.Empty)),
                    !c.Passed ? new XElement("failure",
                        new XAttribute("type", c.NotSettled is not null ? "documented-rule-broken" : "profile-difference"),
                        new XAttribute("message", Status(c)),
                        Failure(c))
                    : c.NotChecked is not null ? new XElement("skipped", new XAttribute("message", c.NotChecked)) : null)),
                result.MeasuredLag is null ? null : new XElement("testcase", new XAttribute("classname", "concurrency"), new XAttribute("name", "the details show a pause or resume within --settle"),
                    new XElement("system-out", Measured(result)),
                    LagPastSettle(result) is { } late ? new XElement("failure", new XAttribute("type", "profile-difference"), new XAttribute("message", late)) : null),
                result.NotConcurrent is null ? null : new XElement("testcase", new XAttribute("classname", "concurrency"), new XAttribute("name", "agents run side by side"),
                    new XElement("skipped", new XAttribute("message", result.NotConcurrent))),
                result.AuditProblems.Count == 0 ? null : new XElement("testcase", new XAttribute("classname", "audit"), new XAttribute("name", "no couple left changed"),
                    new XElement("failure", new XAttribute("message", string.Join("; ", result.AuditProblems)))))));

    private static string Summary(AgentsResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{r.Plan.Agents} agent{(r.Plan.Agents == 1 ? string.Empty : "s")}, {r.Plan.Operations} operations on {r.Couples.Count} couple(s) in {(r.Duration < TimeSpan.FromSeconds(1) ? FormattableString.Invariant($"{r.Duration.TotalMilliseconds:0} ms") : FormattableString.Invariant($"{r.Duration.TotalSeconds:0.0} s"))} ({(r.Duration > TimeSpan.Zero ? r.Plan.Operations / r.Duration.TotalSeconds : 0):0} a second; {r.Operations} in the couples' histories, with the reads before and after); {r.Unknown} without an answer (may or may not have taken effect{(r.Unavailable > 0 ? $"; {r.Unavailable} of them refused 502, 503, 504 or 429 by the server or a gateway as busy or over its rate: a lower --rate avoids it" : string.Empty)}), {r.Refused} refused{Refusals(r)}, {r.ServerErrors} answered 5xx{(r.Unavailable > 0 ? " besides those" : string.Empty)}{(r.ServerErrors > 0 ? " (GEN-3)" : string.Empty)}; seed {r.Plan.Seed}{(r.MeasuredLag is null && r.LagNotMeasured is null ? string.Empty : $"; {Measured(r)}")}");

    /// <summary>
    /// The refusals by status and couple: a couple refused every time from a moment on may have ended (a legal event,
    /// DET-3), which a bare count hid (a test call that ended mid-run showed as "234 refused" and nothing else).
    /// </summary>
    private static string Refusals(AgentsResult r) => r.RefusedBy.Count == 0 ? string.Empty
        : " (" + string.Join("; ", r.RefusedBy.Select(g => $"{g.Count} answered {(g.Status is { } s ? s.ToString(CultureInfo.InvariantCulture) : "with no status")} on {(g.Couples.Count == 1 ? "couple" : "couples")} {Listed(g)}"))
            + (r.RefusedBy.Any(g => g.RefusedFromOn.Count > 0) ? ": a couple refused every time from a moment on may have ended, a legal event (the list holds the couples in progress), or, refused 403, the agent's session may have ended (a lockout, an idle timeout)" : string.Empty) + ")";

    private static string Listed(RefusalGroup g) =>
        string.Join(", ", g.Couples.Take(8).Select(c => g.RefusedFromOn.TryGetValue(c, out var from) ? FormattableString.Invariant($"{c} (every time from {from.TotalSeconds:0.0} s after the agents started)") : $"{c}"))
        + (g.Couples.Count > 8 ? $" and {g.Couples.Count - 8} more" : string.Empty);

    private static string Measured(AgentsResult r) => r.MeasuredLag is var (couple, lags)
        ? string.Create(CultureInfo.InvariantCulture, $"details lag measured before the agents started: at least {lags.Pause.TotalMilliseconds:0} ms for a pause and {lags.Resume.TotalMilliseconds:0} ms for a resume (couple {couple} set to the other state and back)")
        : $"details lag not measured ({r.LagNotMeasured}): windows are judged with what the final reads saw";

    /// <summary>PSE-1's timing (inferred): the lag measured before the agents started is longer than --settle allows; null when it is not.</summary>
    private static string? LagPastSettle(AgentsResult r) => r is { LagPastSettle: true, MeasuredLag: var (couple, lags) } ? string.Create(
        CultureInfo.InvariantCulture,
        $"PSE-1 (how soon the details show a pause or resume is inferred) differs: couple {couple}'s details showed a pause at least {lags.Pause.TotalMilliseconds:0} ms and a resume at least {lags.Resume.TotalMilliseconds:0} ms after they were answered, measured before the agents started, later than --settle ({r.Settle.TotalSeconds:0.###} s) allows: with --settle {Commands.DetailsLag.SettleFor(lags.Longest)} the run allows this lag")
        : null;

    /// <summary>The value of pauseScope the couple's history fits: the profile setting to give (--set, or a probe that measures it).</summary>
    private static string PauseScopeOf(CoupleVerdict c) => $"{Profiles.ProfileSettings.PauseScope}={(c.WholeCall ? "call" : "couple")}";

    private static string Status(CoupleVerdict c) =>
        c.NotSettled is not null ? "PSE-1 broken: a pause or resume answered as taken was lost"
        : c.NotChecked is not null ? $"not checked: {c.NotChecked}"
        : c.ByCall is not null ? $"PSE-1 (inferred: which couples a pause reaches) differs: the recorder pauses {(c.WholeCall ? "the whole call" : "the couple alone")}, as under {PauseScopeOf(c)}"
        : c.Lagged ? "linearizable with details that lag within --settle"
        : c.Lag is not null && !c.LagWithinSettle ? "PSE-1 (inferred timing) differs: details lag"
        : c.Window is not null && c.LagExplainsWindow is not null ? "GEN-3 (inferred) differs: details lag"
        : c.Window is not null ? "GEN-3 (inferred) differs: not linearizable"
        : c.RecordMismatch is not null ? "GEN-3 (inferred) differs: the simulator's pause history does not match"
        : "linearizable";

    /// <summary>How a couple that passed showed its state late, within --settle.</summary>
    private static string Lagged(CoupleVerdict c) => string.Join("; ", new[]
    {
        c.Lag is null ? null : $"its final state showed late, within --settle ({c.Lag})",
        c.Window is null ? null : "no order explains its reads at once, every one is explained if the details may show a state up to --settle before a read was sent",
    }.OfType<string>()) + "; how soon the details show a pause or resume is not documented (PSE-1), so a lag within --settle passes";

    private static string Failure(CoupleVerdict c)
    {
        var text = new StringBuilder();
        if (c.NotSettled is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"PSE-1 (documented) broken: {c.NotSettled}\n");
        }

        if (c.ByCall is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"PSE-1 (inferred: which couples of a call a pause reaches, the profile setting {Profiles.ProfileSettings.PauseScope}) differs, as under {PauseScopeOf(c)}: {c.ByCall}\n");
        }

        if (c.Lag is not null && !c.LagWithinSettle)
        {
            text.Append(CultureInfo.InvariantCulture, $"PSE-1 (how soon the details show a pause or resume is inferred) differs: {c.Lag}\n");
        }

        if (c.RecordMismatch is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"GEN-3 (inferred): {c.RecordMismatch}\n");
        }

        if (c.Window is not null && !c.WindowWithinSettle)
        {
            text.Append("GEN-3 (inferred: pauses and resumes from many sessions take effect in an order consistent with real time, and the details show the state they left) differs:\n");
            if (c.LagExplainsWindow is { } lag)
            {
                text.Append(CultureInfo.InvariantCulture, $"  details that lag longer than --settle allows would explain it: every read of couple {c.Couple} is explained if it may show the state up to {lag.TotalSeconds:0.###} s (the longest lag the run measured) before it was sent, not up to --settle; how soon the details show a pause or resume is not documented (PSE-1): with --settle {Commands.DetailsLag.SettleFor(lag)} the run allows such a lag\n");
            }

            text.Append(c.Window.Timeline());
        }

        return text.ToString();
    }
}
