using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;

namespace PauseResume.Conformance.Reports;

/// <summary>The summary printed at the end of a run, and the explanation of every failure and difference.</summary>
internal static class ConsoleReport
{
    public static void Write(TextWriter output, KitResult result, Func<Failure, int, string> replay, string profileSource = "")
    {
        output.WriteLine();
        output.WriteLine($"Checked {result.Target} against profile '{result.Profile}'{profileSource}{(result.ProfileNote is null ? string.Empty : $"; {result.ProfileNote}")}.");
        foreach (var rule in result.Rules)
        {
            var mark = rule.Status switch { RuleStatus.Passed => "pass", RuleStatus.Failed => "FAIL", RuleStatus.Differs => "DIFF", _ => "skip" };
            var kind = rule.Status == RuleStatus.Differs && rule.Rule.Documented ? "D, an inferred part" : rule.Rule.KindLetter;
            output.WriteLine($"  {mark}  {rule.Rule.Id} ({kind})  {rule.Detail}");
        }

        foreach (var met in result.Faults)
        {
            output.WriteLine($"  FAULT scenario {met.Run} step {met.Step}: {met.Fault} (not judged)");
        }

        foreach (var problem in result.AuditProblems)
        {
            output.WriteLine($"  AUDIT {problem}");
        }

        foreach (var problem in result.AuditUnchecked)
        {
            output.WriteLine($"  AUDIT UNCHECKED {problem}");
        }

        foreach (var note in result.AuditNotes)
        {
            output.WriteLine($"  AUDIT NOTE {note}");
        }

        foreach (var failure in result.Failures.OrderBy(f => f.BreaksDocumentedRule ? 0 : 1))
        {
            WriteFailure(output, failure, result, replay);
        }

        output.WriteLine();
        output.WriteLine(result.Verdict);
    }

    private static void WriteFailure(TextWriter output, Failure failure, KitResult result, Func<Failure, int, string> replay)
    {
        var check = failure.Check;
        output.WriteLine();
        output.WriteLine(failure.BreaksDocumentedRule
            ? $"Rule {check.Rule} is broken (documented: a bug in the server, or in what clients may assume)"
            : failure.Explained.Count > 0
                ? $"Rule {failure.Rule}: this server differs from profile '{result.Profile}': it matches {failure.Matching}"
                : check.Timing && failure.Rule == "SES-6"
                    ? $"Rule {failure.Rule} differs on its timing (inferred): a session that went 0.8 s or more without a request was refused as if it had expired"
                : check.Timing
                    ? $"Rule {failure.Rule} differs on its timing (inferred): the details show a pause or resume later than --settle allows"
                    : $"Rule {failure.Rule} differs from profile '{result.Profile}' where the rules are inferred, and no setting value describes it");
        // What the recorder answered is quoted here: printed as one line, it cannot end the line or steer the terminal.
        output.WriteLine($"  what:     {Printable.OneLine(check.What)}");
        output.WriteLine($"  expected: {Printable.OneLine(check.Expected)}");
        output.WriteLine($"  actual:   {Printable.OneLine(check.Actual)}");
        output.WriteLine($"  minimal scenario ({failure.Scenario.Steps.Length} step(s)) on world {failure.Scenario.World}:");
        for (var i = 0; i < failure.Trace.Count; i++)
        {
            output.WriteLine($"    {i + 1,2}. {failure.Trace[i]}{(i == failure.FailingStep ? $"   <-- {(failure.BreaksDocumentedRule ? "breaks" : "differs on")} {failure.Rule}" : string.Empty)}");
        }

        output.WriteLine($"  replay: {replay(failure, result.Seed)}");
        if (failure.Explained.Count > 0)
        {
            var set = $"--set {string.Join(" --set ", failure.Explained.Select(c => $"{c.Setting}={c.ServerValue}"))}";
            var measured = failure.Explained.Select(c => c.Setting).Where(result.Measured.Contains).ToList();
            // The value the run found fits what it saw; a setting only the probe measures may fit it as well (a direction
            // accepted in another case is directionCase's as much as directionWithoutValue's), so the --set is no proof.
            var alsoProbed = check.ProbedOnlySettings().Except(failure.Explained.Select(c => c.Setting)).ToList();
            var endedOnly = failure.Explained.Select(c => c.Setting).Where(s => ProfileSettings.Find(s)?.NeedsAnEndedCall == true).ToList();
            output.WriteLine(result.Measured.Count == 0
                ? $"  what it does: --probe PATH records this server's profile and --profile-file PATH checks against it{(endedOnly.Count == 0 ? string.Empty : $" (but for {string.Join(", ", endedOnly)}: it needs a call that ends while it works, which a real recorder's may not)")}; or {set}"
                    + (alsoProbed.Count == 0 ? string.Empty : $" ({string.Join(", ", alsoProbed)}, which only --probe measures, may describe it as well)")
                : measured.Count == 0
                    ? $"  what it does: the probe that wrote profile '{result.Profile}' did not measure {string.Join(", ", failure.Explained.Select(c => c.Setting))} (its notes say why): {set}, or write the value into the profile file"
                    : $"  what it does: the probe measured {string.Join(", ", measured)} otherwise than this scenario found: probe again, or {set}");
        }
        else if (check.Timing && failure.Rule == "SES-6")
        {
            // SES-6's timeout on a real recorder: the kit cannot move its clock, so no profile value is tried.
            output.WriteLine("  what it does: its sessions seem to expire after a shorter idle than the profile's sessionIdleTimeout (SES-6 is inferred; the kit cannot move a real recorder's clock, so it tries no value of it); a client should log in again when a request is refused after an idle");
        }
        else if (check.Timing)
        {
            // PSE-1's timing: no setting describes how late the details are; --settle is the lag a run allows.
            output.WriteLine("  what it does: its details show a pause or resume later than --settle allows; run with the --settle this names (a client should read the details again for that long before it takes a pause as not taken)");
        }
        else if (!failure.BreaksDocumentedRule)
        {
            // Setting by setting, as the rule's line says it: one the probe measured does not describe the answer; one it
            // did not measure (kept at its default, or no probe at all) may.
            var probedOnly = check.ProbedOnlySettings();
            var measuredOnes = probedOnly.Where(result.Measured.Contains).ToList();
            var notMeasured = probedOnly.Except(measuredOnes).ToList();
            output.WriteLine(probedOnly.Count == 0
                ? "  what it does: no profile setting describes this answer; a client should not rely on what the profile expected here"
                : notMeasured.Count == 0
                    ? $"  what it does: no setting the run tries describes this answer, nor do the values of {string.Join(", ", measuredOnes)} (settings a run leaves to the probe) that the probe that wrote profile '{result.Profile}' measured; a client should not rely on what the profile expected here"
                    : $"  what it does: no setting the run tries describes this answer{(measuredOnes.Count == 0 ? string.Empty : $", nor do the values of {string.Join(", ", measuredOnes)} the probe measured")}; {string.Join(", ", notMeasured)}, which --probe PATH measures, may (then --profile-file PATH); a client should not rely on what the profile expected here");
        }

        output.WriteLine("  curl script:");
        foreach (var line in failure.CurlScript.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            output.WriteLine($"    {line}");
        }
    }
}
