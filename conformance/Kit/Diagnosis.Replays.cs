using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Kit;

/// <summary>The replays a diagnosis judges a candidate profile by: does the failure come back, does the candidate pass, get past it, fit what was explained before.</summary>
internal sealed partial class Diagnosis
{
    /// <summary>
    /// Whether the scenario, replayed under the profile it failed against, still fails at the same step on the same check;
    /// what the answer holds may change (a login page with the time in it).
    /// </summary>
    private async Task<bool> StillFailsAsync(Scenario scenario, KitProfile profile, RunOutcome failed, CancellationToken cancellationToken) =>
        await runner.RunAsync(scenario, profile, null, tolerated, cancellationToken) is { Fault: null, Broken: { } check } replay
        && replay.FailingStep == failed.FailingStep && RuleLedger.Signature(check) == RuleLedger.Signature(failed.Broken!);

    /// <summary>
    /// The scenario replayed under <paramref name="candidate"/>: where its last run's answers tell how it fails (<see cref="ScenarioRunner.PredictAsync"/>),
    /// from them, with no request sent; else on the target. Only a failure is taken from the answers: a candidate that
    /// passes is what the search looks for, and is replayed on the target to be taken.
    /// </summary>
    private async Task<RunOutcome> ReplayAsync(Scenario scenario, KitProfile candidate, CancellationToken cancellationToken) =>
        await runner.PredictAsync(scenario, candidate, known, cancellationToken) is { Failed: true } predicted
            ? predicted
            : await runner.RunAsync(scenario, candidate, null, known, cancellationToken);

    private static bool Same(Check one, Check other) =>
        RuleLedger.Signature(one) + one.Expected == RuleLedger.Signature(other) + other.Expected;

    /// <summary>
    /// A replay that passes, or that gets past the check <paramref name="failed"/> failed and then fails only on how soon
    /// the details show a pause (a lag, <see cref="Check.Timing"/>): that is the server's timing, which no setting
    /// describes; or on a documented break the run reported already (<see cref="KnownBreaks"/>). A lag or a break met
    /// before that check proves nothing: the replay never reached it.
    /// </summary>
    private bool Passes(RunOutcome replay, RunOutcome failed) =>
        replay.Fault is null && (!replay.Failed || ((replay.Broken!.Timing || KnownBreak(replay.Broken)) && Progress(replay, failed) > 0));

    /// <summary>A check of a documented rule the run reported broken already (<see cref="KnownBreaks"/>).</summary>
    private bool KnownBreak(Check check) => check.Documented && KnownBreaks.Contains(RuleLedger.Signature(check));

    private async Task<bool> PassesTwiceAsync(Scenario scenario, KitProfile candidate, RunOutcome failed, CancellationToken cancellationToken) =>
        Passes(await ReplayAsync(scenario, candidate, cancellationToken), failed)
        && Passes(await runner.RunAsync(scenario, candidate, null, known, cancellationToken), failed);

    /// <summary>
    /// Whether the scenario the failure was shrunk from gets past the step where it failed: a value that only makes the
    /// shrunk one pass explains something shrinking made up (a login without a cookie that worked, shrunk to a list
    /// whose bad direction a setting would refuse first), not what the server did.
    /// </summary>
    private async Task<bool> GetsPastAsync((Scenario Scenario, RunOutcome Outcome) original, KitProfile candidate, CancellationToken cancellationToken) =>
        await ReplayAsync(original.Scenario, candidate, cancellationToken) is var replay
        && (replay.Fault is not null || Passes(replay, original.Outcome) || replay.FailingStep > original.Outcome.FailingStep);

    /// <summary>
    /// Whether a form of the failing step that no setting excuses (<see cref="Commands.Command.Witnesses"/>) breaks a
    /// documented rule at that step under the candidate: then the candidate explains nothing, it only hides the break.
    /// </summary>
    private async Task<bool> RefutedAsync(Scenario scenario, int step, KitProfile candidate, CancellationToken cancellationToken)
    {
        if (step < 0 || step >= scenario.Steps.Length)
        {
            return false;
        }

        foreach (var witness in scenario.Steps[step].Witnesses())
        {
            var variant = scenario with { Steps = scenario.Steps.SetItem(step, witness) };
            if (await runner.RunAsync(variant, candidate, null, known, cancellationToken) is { Fault: null, Broken.Documented: true } refuted && refuted.FailingStep == step)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether every scenario explained before passes under the candidate too (one cut short by a fault proves nothing).</summary>
    private Task<bool> FitsAsync(IReadOnlyList<Scenario> explainedBefore, KitProfile candidate, CancellationToken cancellationToken) =>
        NoneAsync(explainedBefore, candidate, replay => replay is { Failed: true, Fault: null } && !replay.Broken!.Timing && !KnownBreak(replay.Broken), cancellationToken);

    /// <summary>
    /// Whether every scenario explained before either passes under the candidate or fails there only on an inferred
    /// check: a candidate that contradicts an earlier explanation still describes one server that breaks no documented
    /// rule, as long as what it leaves unexplained is inferred (an earlier guess may have been a coincidence).
    /// </summary>
    public Task<bool> BreaksNothingDocumentedAsync(IReadOnlyList<Scenario> explainedBefore, KitProfile candidate, CancellationToken cancellationToken) =>
        NoneAsync(explainedBefore, candidate, replay => replay is { Fault: null, Broken.Documented: true }, cancellationToken);

    /// <summary>Whether no scenario, replayed under the candidate, comes out as <paramref name="contradicts"/> says.</summary>
    private async Task<bool> NoneAsync(IReadOnlyList<Scenario> scenarios, KitProfile candidate, Func<RunOutcome, bool> contradicts, CancellationToken cancellationToken)
    {
        foreach (var scenario in scenarios)
        {
            if (contradicts(await ReplayAsync(scenario, candidate, cancellationToken)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// How much further a change got: to a later step, or at the same step past the check that failed (two settings
    /// may decide one answer, as a bad direction's status and where it is checked do). Zero: no further.
    /// </summary>
    private static int Progress(RunOutcome tried, RunOutcome baseline) =>
        tried.Broken is null ? 0 // cut short by a fault: it proves nothing
        : tried.FailingStep > baseline.FailingStep ? 2 * (tried.FailingStep - baseline.FailingStep)
        : tried.FailingStep == baseline.FailingStep && !Same(tried.Broken!, baseline.Broken!) ? 1
        : 0;

    /// <summary>
    /// Whether a profile of two values passes the scenario twice, lets no other form of the failing step break a
    /// documented rule, gets past the original scenario's failure and fits every scenario explained before.
    /// </summary>
    private async Task<bool> FitsEverywhereAsync(
        Scenario scenario, RunOutcome outcome, int failingStep, (Scenario Scenario, RunOutcome Outcome) original, IReadOnlyList<Scenario> explainedBefore, KitProfile both, CancellationToken cancellationToken) =>
        await PassesTwiceAsync(scenario, both, outcome, cancellationToken) && !await RefutedAsync(scenario, failingStep, both, cancellationToken)
        && await GetsPastAsync(original, both, cancellationToken) && await FitsAsync(explainedBefore, both, cancellationToken);
}
