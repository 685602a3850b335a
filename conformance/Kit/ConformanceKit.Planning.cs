using PauseResume.Conformance.Rules;

namespace PauseResume.Conformance.Kit;

/// <summary>Which scenarios a run plays, and what each is aimed at: the planned ones, then ones aimed at the rules checked least.</summary>
internal sealed partial class ConformanceKit
{
    /// <summary>
    /// The planned runs, then runs aimed at the checkable rule checked least (or whose distinctive part is), until each has
    /// its checks.
    /// </summary>
    private IEnumerable<(int Run, string? Focus)> Plan(RuleLedger ledger, Dictionary<string, int> aimed, RunBudget budget)
    {
        if (OnlyRun is { } only)
        {
            yield return (only, Focus);
            yield break;
        }

        var run = 0;
        var planned = Math.Min(Runs, MaxRuns ?? Runs);
        for (; run < planned && budget.AllowsAnother(); run++)
        {
            yield return (run, AimedWhileTimeIsShort(ledger, aimed, budget, planned - run));
        }

        for (; run < (MaxRuns ?? Runs * 3) && budget.AllowsAnother(); run++)
        {
            var focus = RuleCatalogue.All
                .Where(r => ledger.IsCheckable(r.Id) && ledger.LeastChecks(r) < MinChecks
                    && aimed.GetValueOrDefault(r.Id) < (ledger.Checks(r.Id) < MinChecks ? FocusAttempts : PartFocusAttempts))
                .OrderBy(ledger.LeastChecks).Select(r => r.Id).FirstOrDefault();
            if (focus is null)
            {
                yield break;
            }

            aimed[focus] = aimed.GetValueOrDefault(focus) + 1;
            yield return (run, focus);
        }
    }

    /// <summary>
    /// The rule a planned scenario is aimed at when the --budget will end the run before the planned scenarios and the
    /// ones aimed at the rules checked least: once the scenarios that still fit are at least as many as the checkable
    /// rules not checked yet, each is aimed at one of them, documented rules first (aimed at one rule, a scenario checks
    /// fewer others: while many are unchecked, plain scenarios check more). Null, a plain scenario, otherwise.
    /// </summary>
    private string? AimedWhileTimeIsShort(RuleLedger ledger, Dictionary<string, int> aimed, RunBudget budget, int plannedLeft)
    {
        if (budget.ScenariosLeft is not { } left || left >= plannedLeft)
        {
            return null;
        }

        var notYet = RuleCatalogue.All.Where(r => ledger.IsCheckable(r.Id) && ledger.Checks(r.Id) == 0).ToList();
        var focus = notYet.Count > 0 && notYet.Count <= left
            ? notYet.Where(r => aimed.GetValueOrDefault(r.Id) < FocusAttempts)
                .OrderBy(r => r.Kind == RuleKind.Documented ? 0 : 1).ThenBy(r => aimed.GetValueOrDefault(r.Id)).Select(r => r.Id).FirstOrDefault()
            : null;
        if (focus is null)
        {
            return null;
        }

        if (!aimingForTime)
        {
            aimingForTime = true;
            progress.WriteLine($"  the --budget leaves time for about {left} more scenario(s), not for all {plannedLeft} planned, and {notYet.Count} rule(s) are not checked yet ({string.Join(", ", notYet.Select(r => r.Id))}): the next are aimed at them, documented rules first");
        }

        aimed[focus] = aimed.GetValueOrDefault(focus) + 1;
        return focus;
    }
}
