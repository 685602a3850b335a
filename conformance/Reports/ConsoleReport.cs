using PauseResume.Conformance.Kit;
using PauseResume.Simulator;

namespace PauseResume.Conformance.Reports;

/// <summary>The summary printed at the end of a run, and the explanation of a failure.</summary>
internal static class ConsoleReport
{
    public static void Write(TextWriter output, KitResult result)
    {
        output.WriteLine();
        foreach (var rule in result.Rules)
        {
            var mark = rule.Status switch { RuleStatus.Passed => "pass", RuleStatus.Failed => "FAIL", _ => "skip" };
            output.WriteLine($"  {mark}  {rule.Rule.Id} ({(rule.Rule.Kind == RuleKind.Documented ? "D" : "I")})  {rule.Detail}");
        }

        foreach (var problem in result.AuditProblems)
        {
            output.WriteLine($"  AUDIT {problem}");
        }

        if (result.Failure is { } failure)
        {
            WriteFailure(output, failure, result);
        }

        var counts = result.Rules.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine();
        output.WriteLine($"{(result.Conformant ? "Conformant" : "NOT conformant")}: {counts.GetValueOrDefault(RuleStatus.Passed)} rules passed, "
                         + $"{counts.GetValueOrDefault(RuleStatus.Failed)} failed, {counts.GetValueOrDefault(RuleStatus.NotChecked)} not checked "
                         + $"({result.Runs} scenario(s), seed {result.Seed}).");
    }

    public static void WriteFailure(TextWriter output, Failure failure, KitResult result)
    {
        var rule = Rules.All.FirstOrDefault(r => r.Id == failure.Check.Rule);
        output.WriteLine();
        output.WriteLine($"Rule {failure.Check.Rule} is broken{(rule is null ? string.Empty : $": {rule.Summary}")}"
                         + (rule?.Kind == RuleKind.Inferred ? $" (an inferred rule, checked against profile '{result.Profile}'; --probe records what this server does)" : string.Empty));
        output.WriteLine($"  what:     {failure.Check.What}");
        output.WriteLine($"  expected: {failure.Check.Expected}");
        output.WriteLine($"  actual:   {failure.Check.Actual}");
        output.WriteLine($"  minimal scenario ({failure.Scenario.Steps.Length} step(s)) on world {failure.Scenario.World}:");
        for (var i = 0; i < failure.Trace.Count; i++)
        {
            output.WriteLine($"    {i + 1,2}. {failure.Trace[i]}{(i == failure.FailingStep ? $"   <-- breaks {failure.Check.Rule}" : string.Empty)}");
        }

        output.WriteLine($"  replay: --seed {result.Seed} --run {failure.Run}");
        output.WriteLine("  curl script:");
        foreach (var line in failure.CurlScript.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            output.WriteLine($"    {line}");
        }
    }
}
