using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Rules;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Wire;

namespace PauseResume.Conformance.Kit;

/// <summary>
/// Runs generated scenarios against a target and goes on after a failure: each broken rule and each difference from
/// the profile is shrunk to its own minimal scenario and explained (a documented rule broken, or the setting whose
/// other value the server matches, which the rest of the run then expects). When the planned scenarios are done,
/// scenarios aimed at the rules checked least go on until every checkable rule was checked often enough.
/// </summary>
internal sealed partial class ConformanceKit(ITarget target, KitProfile profile, TextWriter progressTo)
{
    // Written from the run and, while a failure is judged, from a timer that says how long it has taken.
    private readonly TextWriter progress = TextWriter.Synchronized(progressTo);

    private JsonObject? serverProfile;

    /// <summary>The run has begun to aim its planned scenarios at the rules not checked yet (<see cref="AimedWhileTimeIsShort"/>).</summary>
    private bool aimingForTime;

    private const int MaxShrinkAttempts = 400;
    private const int MaxExplainedFailures = 20;
    private const int FocusAttempts = 25;

    /// <summary>
    /// Scenarios aimed at a rule that has its checks but few of its distinctive part's (KitRule.Part): where no couple can
    /// tell it (one the user may see, carrying a value on one side only), more would only lengthen the run.
    /// </summary>
    private const int PartFocusAttempts = 8;
    private static readonly TimeSpan RealClockIdleTimeout = TimeSpan.FromSeconds(2);

    public int Seed { get; init; } = 1;

    public int Runs { get; init; } = 100;

    public int Steps { get; init; } = 30;

    public int? OnlyRun { get; init; }

    /// <summary>The rule a replayed scenario was aimed at (as a failure's replay flags say).</summary>
    public string? Focus { get; init; }

    /// <summary>Every checkable rule is checked at least this often, scenarios permitting.</summary>
    public int MinChecks { get; init; } = 3;

    /// <summary>The most scenarios in all, aimed ones included (default: three times <see cref="Runs"/>).</summary>
    public int? MaxRuns { get; init; }

    /// <summary>How many scenarios in a row may meet a request with no answer in time before the run stops: the target no longer answers.</summary>
    public const int StalledAfter = 5;

    /// <summary>How long the run may take from <see cref="StartedAt"/>: see <see cref="RunBudget"/>.</summary>
    public TimeSpan? Budget { get; init; }

    /// <summary>When the command began, on <see cref="Time"/>'s clock (what it did before the run counts against --budget); by default the run's start.</summary>
    public long? StartedAt { get; init; }

    internal TimeProvider Time { get; init; } = TimeProvider.System;

    public TimeSpan Pace { get; init; } = TimeSpan.Zero;

    /// <summary>How long the details may take to show a pause or resume where the kit does not move the clock (PSE-1).</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Under <see cref="Settle"/> 0 (no lag allowed) on a real recorder, measure once, before the scenarios, how late its
    /// details show a pause and a resume (<see cref="RealWorld.MeasureLagAsync"/>), as a run of agents does. A lag found
    /// is waited for (by the checks, the reads between scenarios, the clean-ups and the final audit, each for twice it,
    /// at least the default --settle) and, being more than 0, differs on PSE-1's timing, naming the --settle to use; none
    /// found, nothing is waited for. Without it, the first late read under --settle 0 was a PSE-1 failure that a replay,
    /// timed otherwise, did not meet again (not checked), and each clean-up took the kit's own late put-back for someone
    /// else's change (an independent recorder 600 ms late: twenty AUDIT NOTEs, exit 0). The command line sets it; a
    /// test that runs --settle 0 to wait for nothing does not.
    /// </summary>
    public bool MeasuresLag { get; init; }

    public RealWorld? Real { get; init; }

    /// <summary>On a real recorder, send wrong and missing passwords to its accounts too (a lockout policy may lock them).</summary>
    public bool WrongPasswords { get; init; }

    /// <summary>
    /// Whether the replays that judge a failure on a real recorder tell how they fail from the answers of earlier replays
    /// where they can (<see cref="ScenarioRunner.PredictAsync"/>) rather than send each to the recorder; on but to compare.
    /// </summary>
    public bool PredictsReplays { get; init; } = true;

    public async Task<KitResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var note = Prepare();
        var ledger = new RuleLedger();
        var can = new Capabilities(target.Control is not null, target.Clock != ClockKind.None, target.Control is not null || Real?.Pausable.Count > 0, target.Clock == ClockKind.Real, target.Control is not null || WrongPasswords);
        foreach (var (rule, why) in NotCheckable(can))
        {
            ledger.NotCheckable(rule, why);
        }

        progress.WriteLine($"Checking {target.Description} against profile '{profile.Name}'{(note is null ? string.Empty : $" ({note})")}: {(OnlyRun is null ? $"{Runs} scenario(s), then more aimed at rules checked fewer than {MinChecks} times" : $"scenario {OnlyRun}")}, up to {Steps} steps each, seed {Seed}");
        var runner = new ScenarioRunner(target, Pace, Real) { Settle = Settle, LagWait = await LagToWaitForAsync(ledger, cancellationToken), LockoutCarriesOver = target.Control is null && WrongPasswords };
        if (Real is not null)
        {
            Real.ScenarioLag = runner.Lag; // a run stopped midway audits with the lags its scenarios met too
        }

        var state = new RunState(runner, ledger, profile, new RunBudget(Budget, Time, StartedAt ?? Time.GetTimestamp()));
        var tolerated = state.Tolerated;
        var budget = state.Budget;
        var explained = 0;
        var done = 0;
        var aimed = new Dictionary<string, int>(StringComparer.Ordinal);
        var unanswered = 0; // scenarios in a row that met a request with no answer in time
        var told = Stopwatch.StartNew(); // since the last progress line: on a slow recorder ten scenarios take minutes
        foreach (var (run, focus) in Plan(ledger, aimed, budget))
        {
            var scenario = ScenarioGen.Sample(ScenarioGen.Scenario(can, Real?.World, Steps, focus), Seed, run, Steps);
            var against = ForScenario(state.CheckedAgainst, focus);
            var began = budget.Begin();
            var outcome = await runner.RunAsync(scenario, against, ledger, tolerated, cancellationToken);
            budget.Ran(began);
            done++;
            if (outcome.Fault is { } fault)
            {
                state.Faults.Add(new FaultMet(run, outcome.FailingStep + 1, fault));
                progress.WriteLine($"  scenario {run} met a fault at step {outcome.FailingStep + 1} ({fault}): not judged from there on");
            }

            if (outcome.Failed && !ledger.AlreadyReported(outcome.Broken!) && explained >= MaxExplainedFailures)
            {
                ledger.NotCheckable(outcome.Broken!.Rule, $"a check of it failed after the kit had explained {MaxExplainedFailures} failures; replay with --seed {Seed} --run {run}{(focus is null ? string.Empty : $" --focus {focus}")} against the profile the report suggests");
            }
            else if (outcome.Failed && ledger.IsFlaky(outcome.Broken!)
                && await runner.RunAsync(scenario, against, null, tolerated, cancellationToken) is { Failed: false, Fault: null })
            {
                // An inferred check that failed and then not, time and again: one replay, not a shrink, tells whether this
                // failure comes back; one that does is shrunk and judged as any other.
                ledger.Flaked(outcome.Broken!, $"--seed {Seed} --run {run}{(focus is null ? string.Empty : $" --focus {focus}")}");
            }
            else if (outcome.Failed && !ledger.AlreadyReported(outcome.Broken!))
            {
                explained++;
                await JudgeFailureAsync(state, scenario, outcome, against, run, focus, cancellationToken);
            }

            if (OnlyRun is null && (done % Math.Max(1, Runs / 10) == 0 || done == Runs || told.Elapsed >= ProgressEvery))
            {
                told.Restart();
                progress.WriteLine($"  {done} scenario(s) run; {RuleCatalogue.All.Count(r => ledger.Checks(r.Id) > 0)} of {RuleCatalogue.All.Count} rules checked so far");
            }

            unanswered = outcome.Fault is { Kind: "timeout" } ? unanswered + 1 : 0;
            if (unanswered == StalledAfter)
            {
                // A recorder that has stopped answering (all of it, or one kind of request) costs each scenario a timeout or
                // more, and tells nothing: an hour of them would judge nothing either.
                progress.WriteLine($"  {StalledAfter} scenarios in a row met a request the target did not answer in time: it is taken as no longer answering, and no more scenarios are started");
                state.Stalled = true;
                break;
            }
        }

        if (budget.RanOut)
        {
            progress.WriteLine(budget.Why(done));
        }

        // Run even after a stall (one kind of request may be all that hangs): a replay a fault meets withdraws nothing.
        await WithdrawGuessesAsync(state, cancellationToken);

        if (runner.Lag.LongestSeen > TimeSpan.Zero)
        {
            ledger.Note("PSE-1", "lag", string.Create(CultureInfo.InvariantCulture, $"the details showed a pause or resume up to {runner.Lag.LongestSeen.TotalMilliseconds:0} ms late (how soon they show one is not documented: within --settle, {Settle.TotalSeconds:0.###} s, it passes{(runner.Lag.LongestSeen > Settle ? "; later than that, it differs" : string.Empty)})"));
        }

        var audit = Real is null ? null : await Real.AuditAsync(runner.Waiting, Real.LagSeen, cancellationToken, profile); // up to as long as a scenario's check waits
        return new KitResult(target.Description, profile.Name, note, Seed, done, ledger.Results(profile.Measured), [.. ledger.Failures], audit?.Changed ?? [])
        {
            Faults = state.Faults,
            Stalled = state.Stalled,
            NothingRun = done == 0 && budget.RanOut ? budget.SpentFirst() : null,
            AuditUnchecked = audit?.Unchecked ?? [],
            AuditNotes = Real?.Notes ?? [],
            Measured = profile.Measured,
        };
    }

    /// <summary>How long the run waits for a lag it measured before the scenarios (see <see cref="MeasuresLag"/>); null: for --settle.</summary>
    private async Task<TimeSpan?> LagToWaitForAsync(RuleLedger ledger, CancellationToken cancellationToken)
    {
        if (!MeasuresLag || Settle > TimeSpan.Zero || Real is null || target.Clock == ClockKind.Virtual)
        {
            return null;
        }

        progress.WriteLine("  --settle 0 allows no lag: measuring how late the details show a pause and a resume first, on a couple the kit may pause set to the other state and back (PSE-1)");
        var (measured, why) = await Real.MeasureLagAsync(Commands.DetailsLag.DefaultSettle, cancellationToken, profile);
        if (measured is not var (couple, lags))
        {
            progress.WriteLine($"  details lag not measured ({why}): every read counts at once, as --settle 0 says");
            return null;
        }

        var said = string.Create(CultureInfo.InvariantCulture, $"couple {couple}'s details showed a pause at least {lags.Pause.TotalMilliseconds:0} ms and a resume at least {lags.Resume.TotalMilliseconds:0} ms after they were answered, measured before the scenarios");
        if (lags.Longest <= TimeSpan.Zero)
        {
            progress.WriteLine($"  {said}: no lag, so every read counts at once");
            return null;
        }

        var wait = Commands.DetailsLag.WaitingFor(lags.Longest);
        // PSE-1's timing (how soon the details show a pause is inferred): a difference, whatever the scenarios meet later.
        ledger.DiffersAsMeasured("PSE-1", string.Create(CultureInfo.InvariantCulture, $"differs on its timing: {said}, later than --settle 0 allows (how soon the details show a pause or resume is inferred); run with --settle {Commands.DetailsLag.SettleFor(lags.Longest)}"));
        progress.WriteLine($"  {said}: --settle 0 allows none; the checks wait for a state as --settle {wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} would, and one shown late differs on PSE-1's timing");
        return wait;
    }

    /// <summary>
    /// Sets up the simulator's profile: in-process, the one checked against unless a test pinned another; a standalone
    /// simulator keeps its own. Returns what the report should say about it.
    /// </summary>
    private string? Prepare()
    {
        if (target.Control is not { } control)
        {
            return null;
        }

        control.ServerProfile ??= ProfileJson.Write(profile);
        serverProfile = (JsonObject)control.ServerProfile.DeepClone();
        return target.Clock == ClockKind.Real
            ? FormattableString.Invariant($"SES-6 checked in scenarios aimed at it, with the idle timeout shortened to {RealClockIdleTimeout.TotalSeconds:0} s")
            : null;
    }

    /// <summary>
    /// A standalone simulator's sessions only expire in real time: a scenario aimed at SES-6 (the only kind with waits
    /// there) runs with the idle timeout shortened, every other one with the simulator's own, so a slow machine cannot
    /// make an ordinary scenario's session expire.
    /// </summary>
    private KitProfile ForScenario(KitProfile checkedAgainst, string? focus)
    {
        if (target.Clock != ClockKind.Real || target.Control is not { } control)
        {
            return checkedAgainst;
        }

        var aimed = focus == "SES-6";
        var timeout = RealClockIdleTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        control.ServerProfile = (JsonObject)serverProfile!.DeepClone();
        if (aimed)
        {
            control.ServerProfile[ProfileSettings.SessionIdleTimeout] = timeout;
        }

        return aimed ? checkedAgainst.With(ProfileSettings.SessionIdleTimeout, timeout).Profile! : checkedAgainst;
    }

    private IEnumerable<(string Rule, string Why)> NotCheckable(Capabilities can)
    {
        if (!can.Clock)
        {
            yield return ("SES-6", "needs a target whose sessions can be made to expire (a simulator): a real recorder's idle timeout cannot be waited out in a run");
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

    /// <summary>
    /// Makes a failed scenario smaller while it fails alike. The steps after the failing one never ran, so they go first,
    /// without a replay: on a recorder paced at five requests a second each replay takes seconds, and halving a scenario
    /// of thirty steps that failed at its sixth took several replays to learn what the failure had already shown. A lag
    /// (<see cref="Check.Timing"/>) is not shrunk further: whether a replay shows it is the server's timing, not the steps'
    /// doing, and a recorder whose details showed pauses 1 to 3 s late against --settle 2 s had its lag shrunk for three
    /// minutes, past the budget, without a verdict.
    /// </summary>
    internal async Task<(Scenario, RunOutcome)> ShrinkAsync(ScenarioRunner runner, Scenario scenario, RunOutcome outcome, KitProfile checkedAgainst, IReadOnlySet<string> tolerated, CancellationToken cancellationToken)
    {
        if (outcome.FailingStep >= 0 && outcome.FailingStep < scenario.Steps.Length - 1)
        {
            scenario = scenario with { Steps = scenario.Steps[..(outcome.FailingStep + 1)] };
        }

        if (outcome.Broken!.Timing)
        {
            progress.WriteLine($"  {(outcome.Broken.Rule == "SES-6" ? "a session's expiry on the server's own clock" : "a lag")} is the server's timing, not the steps' doing: kept at the {scenario.Steps.Length} step(s) up to the failing one, not shrunk");
            return (scenario, outcome);
        }

        var signature = RuleLedger.Signature(outcome.Broken!);
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

                var tried = await runner.RunAsync(candidate, checkedAgainst, null, tolerated, cancellationToken);
                if (tried.Broken is { } broken && broken.Rule == outcome.Broken!.Rule && (broken.Documented == outcome.Broken.Documented || RuleLedger.Signature(broken) == signature))
                {
                    (scenario, outcome, improved) = (candidate, tried, true);
                    break;
                }
            }
        }

        progress.WriteLine($"  shrunk to {scenario.Steps.Length} step(s) after {attempts} attempt(s)");
        return (scenario, outcome);
    }

    private Failure Describe(Scenario scenario, RunOutcome outcome, int run, string? focus, IReadOnlyList<SettingChange> changes)
    {
        var setup = target.Control?.SetupScript(scenario.World);
        using var http = target.CreateClient();
        var check = outcome.Broken!;
        var failure = new Failure(check, scenario, outcome.FailingStep, outcome.Trace, string.Empty, run, focus, changes);
        // Under the rule the reports list it under: a difference a setting explains belongs to the setting's rules.
        var why = $"{(failure.BreaksDocumentedRule ? "breaks" : "differs on")} {failure.Rule}: the rules expect {check.Expected}, this target answered {check.Actual}";
        return failure with { CurlScript = CurlScript.From(outcome.Transcript, http.BaseAddress!, setup, why, outcome.FailingExchange) };
    }
}
