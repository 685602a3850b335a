using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Wire;
using PauseResume.Simulator.Domain;

namespace PauseResume.Conformance.Kit;

/// <summary>
/// Runs generated scenarios against a target until one breaks a rule or all pass; shrinks a failure to a minimal
/// scenario and explains it: the steps, the rule, expected against actual, a curl script and the seed.
/// </summary>
internal sealed class ConformanceKit(ITarget target, RecorderProfile profile, TextWriter progress)
{
    private const int MaxShrinkAttempts = 400;

    public int Seed { get; init; } = 1;

    public int Runs { get; init; } = 100;

    public int Steps { get; init; } = 30;

    public int? OnlyRun { get; init; }

    public TimeSpan Pace { get; init; } = TimeSpan.Zero;

    public RealWorld? Real { get; init; }

    public async Task<KitResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var ledger = new RuleLedger();
        var can = new Capabilities(target.Control is not null, target.CanAdvanceTime, target.Control is not null || Real?.Pausable.Count > 0);
        var generator = ScenarioGen.Scenario(can, Real?.World, Steps);
        var runner = new ScenarioRunner(target, profile, Pace, Real);
        var runs = OnlyRun is { } only ? [only] : Enumerable.Range(0, Runs).ToArray();
        progress.WriteLine($"Checking {target.Description} against profile '{profile.Name}': {runs.Length} scenario(s) of up to {Steps} steps, seed {Seed}");
        var done = 0;
        foreach (var run in runs)
        {
            var scenario = ScenarioGen.Sample(generator, Seed, run, Steps);
            var outcome = await runner.RunAsync(scenario, ledger, cancellationToken);
            done++;
            if (outcome.Failed)
            {
                progress.WriteLine($"  scenario {run} broke {outcome.Broken!.Rule} at step {outcome.FailingStep + 1} of {scenario.Steps.Length}; shrinking…");
                var failure = await ShrinkAsync(runner, scenario, outcome, run, cancellationToken);
                ledger.Fail(failure);
                break;
            }

            if (done % Math.Max(1, runs.Length / 10) == 0 || done == runs.Length)
            {
                progress.WriteLine($"  {done}/{runs.Length} scenarios passed");
            }
        }

        var audit = Real is null ? [] : await Real.AuditAsync(cancellationToken);
        foreach (var (rule, why) in NotCheckable(can))
        {
            ledger.NotCheckable(rule, why);
        }

        return new KitResult(target.Description, profile.Name, Seed, done, ledger.Results(), audit);
    }

    private IEnumerable<(string Rule, string Why)> NotCheckable(Capabilities can)
    {
        if (!can.Clock)
        {
            yield return ("SES-6", "needs a target whose clock can be moved (the in-process simulator): sessions expire after 30 idle minutes");
        }

        if (!can.Pause)
        {
            foreach (var rule in new[] { "PSE-1", "PSE-2", "PSE-3" })
            {
                yield return (rule, "needs --allow-pause and a --couple that is in progress (read-only by default)");
            }
        }

        if (Real is not null && Real.World.Users.All(u => u.CallList))
        {
            yield return ("LST-7", "needs an account without Call List (RIGHTS none)");
        }

        if (Real is not null && Real.Couples.Count == 0)
        {
            foreach (var rule in new[] { "LST-5", "DET-1", "DET-2" })
            {
                yield return (rule, "needs a couple in progress that an account may see");
            }
        }
    }

    private async Task<Failure> ShrinkAsync(ScenarioRunner runner, Scenario scenario, RunOutcome outcome, int run, CancellationToken cancellationToken)
    {
        var rule = outcome.Broken!.Rule;
        var attempts = 0;
        for (var improved = true; improved && attempts < MaxShrinkAttempts;)
        {
            improved = false;
            foreach (var candidate in scenario.Shrink())
            {
                if (++attempts > MaxShrinkAttempts)
                {
                    break;
                }

                var tried = await runner.RunAsync(candidate, null, cancellationToken);
                if (tried.Broken?.Rule == rule)
                {
                    (scenario, outcome, improved) = (candidate, tried, true);
                    break;
                }
            }
        }

        progress.WriteLine($"  shrunk to {scenario.Steps.Length} step(s) after {attempts} attempt(s)");
        var setup = target.Control is null ? null : SimulatorControl.SetupScript(scenario.World, profile);
        using var http = target.CreateClient();
        return new Failure(outcome.Broken!, scenario, outcome.FailingStep, outcome.Trace, CurlScript.From(outcome.Transcript, http.BaseAddress!, setup, $"breaks {outcome.Broken!.Rule}: the rules expect {outcome.Broken.Expected}, this target answered {outcome.Broken.Actual}"), run);
    }
}
