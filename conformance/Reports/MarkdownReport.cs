using System.Text;
using PauseResume.Conformance.Kit;

namespace PauseResume.Conformance.Reports;

/// <summary>The Markdown report: the verdict, every rule with its result and check count, then each failure in full.</summary>
internal static class MarkdownReport
{
    public static string Write(KitResult result, Func<Failure, int, string> replay)
    {
        var md = new StringBuilder();
        md.AppendLine(FormattableString.Invariant($"# Conformance of {result.Target}"));
        md.AppendLine();
        md.AppendLine(FormattableString.Invariant($"**{result.Verdict}**"));
        md.AppendLine();
        md.AppendLine(FormattableString.Invariant($"Documented rules (D) are checked on every server; inferred rules (I) against profile `{result.Profile}`{(result.ProfileNote is null ? string.Empty : $" ({result.ProfileNote})")}."));
        md.AppendLine();
        md.AppendLine("| rule | kind | result | checks | detail |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var rule in result.Rules)
        {
            var status = rule.Status switch { RuleStatus.Passed => "passed", RuleStatus.Failed => "**broken**", RuleStatus.Differs => "*differs from the profile*", _ => "not checked" };
            md.AppendLine(FormattableString.Invariant($"| {rule.Rule.Id} | {rule.Rule.KindLetter} | {status} | {rule.Checks} | {Escape(rule.Detail)} |"));
        }

        if (result.Faults.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Steps that met a fault (not judged)");
            md.AppendLine();
            foreach (var met in result.Faults)
            {
                md.AppendLine(FormattableString.Invariant($"- scenario {met.Run}, step {met.Step}: {Escape(met.Fault.ToString())}"));
            }
        }

        if (result.SettingChanges.Any())
        {
            md.AppendLine();
            md.AppendLine("## Where this server differs from the profile");
            md.AppendLine();
            md.AppendLine("| setting | profile | this server |");
            md.AppendLine("|---|---|---|");
            foreach (var change in result.SettingChanges)
            {
                md.AppendLine(FormattableString.Invariant($"| `{change.Setting}` | `{change.ProfileValue}` | `{change.ServerValue}`{string.Concat(result.Alike(change).Select(a => a.Setting == change.Setting ? $" or `{a.ServerValue}`" : $" or `{a.Setting}={a.ServerValue}`"))} |"));
            }
        }

        if (result.AuditProblems.Count > 0 || result.AuditUnchecked.Count > 0 || result.AuditNotes.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Audit");
            md.AppendLine();
            foreach (var problem in result.AuditProblems)
            {
                md.AppendLine(FormattableString.Invariant($"- {problem}"));
            }

            foreach (var problem in result.AuditUnchecked)
            {
                md.AppendLine(FormattableString.Invariant($"- unchecked: {problem}"));
            }

            foreach (var note in result.AuditNotes)
            {
                md.AppendLine(FormattableString.Invariant($"- note: {note}"));
            }
        }

        foreach (var failure in result.Failures.OrderBy(f => f.BreaksDocumentedRule ? 0 : 1))
        {
            var check = failure.Check;
            md.AppendLine();
            md.AppendLine(failure.BreaksDocumentedRule
                ? FormattableString.Invariant($"## {check.Rule} is broken")
                : FormattableString.Invariant($"## {failure.Rule} differs from the profile{(failure.Explained.Count > 0 ? $": the server matches {Escape(failure.Matching)}" : string.Empty)}"));
            md.AppendLine();
            md.AppendLine(FormattableString.Invariant($"- what: {Escape(check.What)}"));
            md.AppendLine(FormattableString.Invariant($"- expected: `{check.Expected}`"));
            md.AppendLine(FormattableString.Invariant($"- actual: `{check.Actual}`"));
            md.AppendLine(FormattableString.Invariant($"- replay: `{replay(failure, result.Seed)}`"));
            md.AppendLine();
            md.AppendLine(FormattableString.Invariant($"Minimal scenario, on world {Escape(failure.Scenario.World.ToString())}:"));
            md.AppendLine();
            for (var i = 0; i < failure.Trace.Count; i++)
            {
                md.AppendLine(FormattableString.Invariant($"{i + 1}. {Escape(failure.Trace[i])}{(i == failure.FailingStep ? " ← this step" : string.Empty)}"));
            }

            md.AppendLine();
            md.AppendLine("```bash");
            md.Append(failure.CurlScript);
            md.AppendLine("```");
        }

        return md.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
