using System.Text;
using PauseResume.Conformance.Kit;
using PauseResume.Simulator;

namespace PauseResume.Conformance.Reports;

/// <summary>The Markdown report: every rule with passed, failed or not checked (and why), then the failure in full.</summary>
internal static class MarkdownReport
{
    public static string Write(KitResult result)
    {
        var md = new StringBuilder();
        md.AppendLine(FormattableString.Invariant($"# Conformance of {result.Target}"));
        md.AppendLine();
        md.AppendLine(FormattableString.Invariant($"{(result.Conformant ? "**Conformant**" : "**Not conformant**")} to the recorder's Pause/Resume API, inferred rules checked against profile `{result.Profile}`; {result.Runs} scenario(s), seed {result.Seed}."));
        md.AppendLine();
        md.AppendLine("| rule | kind | result | detail |");
        md.AppendLine("|---|---|---|---|");
        foreach (var rule in result.Rules)
        {
            var status = rule.Status switch { RuleStatus.Passed => "passed", RuleStatus.Failed => "**failed**", _ => "not checked" };
            md.AppendLine(FormattableString.Invariant($"| {rule.Rule.Id} | {(rule.Rule.Kind == RuleKind.Documented ? "D" : "I")} | {status} | {Escape(rule.Detail)} |"));
        }

        if (result.AuditProblems.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Audit");
            md.AppendLine();
            foreach (var problem in result.AuditProblems)
            {
                md.AppendLine(FormattableString.Invariant($"- {problem}"));
            }
        }

        if (result.Failure is { } failure)
        {
            md.AppendLine();
            md.AppendLine(FormattableString.Invariant($"## {failure.Check.Rule} is broken"));
            md.AppendLine();
            md.AppendLine(FormattableString.Invariant($"- what: {Escape(failure.Check.What)}"));
            md.AppendLine(FormattableString.Invariant($"- expected: `{failure.Check.Expected}`"));
            md.AppendLine(FormattableString.Invariant($"- actual: `{failure.Check.Actual}`"));
            md.AppendLine(FormattableString.Invariant($"- replay: `--seed {result.Seed} --run {failure.Run}`"));
            md.AppendLine();
            md.AppendLine(FormattableString.Invariant($"Minimal scenario, on world {Escape(failure.Scenario.World.ToString())}:"));
            md.AppendLine();
            for (var i = 0; i < failure.Trace.Count; i++)
            {
                md.AppendLine(FormattableString.Invariant($"{i + 1}. {Escape(failure.Trace[i])}{(i == failure.FailingStep ? " ← breaks the rule" : string.Empty)}"));
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
