using System.Collections.Immutable;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Kit;

/// <summary>How a run judges a failure it met: <see cref="JudgeFailureAsync"/>, on the state a run carries from scenario to scenario (<see cref="RunState"/>).</summary>
internal sealed partial class ConformanceKit
{
    /// <summary>
    /// How long past --budget a failure met before it ran out may still be judged: a quarter of the budget, at least a
    /// minute. Shrinking and the search for a setting replay the scenario many times, each replay with its waits for
    /// details that lag; on a real recorder one judging ran for a quarter of an hour past a budget of ten minutes.
    /// </summary>
    private TimeSpan? JudgingLeft(RunBudget budget) =>
        Budget is { } limit ? limit + (JudgingGrace ?? (limit / 4 > TimeSpan.FromMinutes(1) ? limit / 4 : TimeSpan.FromMinutes(1))) - budget.Elapsed : null;

    /// <summary>A deadline further off than this is none: a timer cannot wait 50 days, and --budget takes any number of seconds.</summary>
    private static readonly TimeSpan FarOff = TimeSpan.FromDays(40);

    /// <summary>
    /// A token that ends with <paramref name="cancellationToken"/> or when <see cref="JudgingLeft"/> runs out, on the run's
    /// clock (<see cref="Time"/>); ended at once where it has (a timer due now fires later, after a fast replay has run).
    /// </summary>
    private JudgingDeadline Judging(RunBudget budget, CancellationToken cancellationToken)
    {
        var left = JudgingLeft(budget);
        var deadline = new JudgingDeadline(left is { } l && l > TimeSpan.Zero && l < FarOff ? l : null, Time, cancellationToken);
        if (left <= TimeSpan.Zero)
        {
            deadline.Source.Cancel();
        }

        return deadline;
    }

    /// <summary>The caller's token and a timer of the run's clock, linked; disposed, the timer goes first (one firing as the judging ends finds nothing to cancel).</summary>
    private sealed class JudgingDeadline : IDisposable
    {
        private readonly ITimer? timer;

        public JudgingDeadline(TimeSpan? after, TimeProvider time, CancellationToken cancellationToken)
        {
            Source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timer = after is { } due ? time.CreateTimer(Expire, Source, due, Timeout.InfiniteTimeSpan) : null;
        }

        public CancellationTokenSource Source { get; }

        public CancellationToken Token => Source.Token;

        public bool IsCancellationRequested => Source.IsCancellationRequested;

        public void Dispose()
        {
            timer?.Dispose();
            Source.Dispose();
        }

        private static void Expire(object? source)
        {
            try
            {
                ((CancellationTokenSource)source!).Cancel();
            }
            catch (ObjectDisposedException)
            {
                // the judging ended as the timer fired: nothing left to cancel
            }
        }
    }

    /// <summary>How long past --budget a failure may still be judged, where not a quarter of the budget (at least a minute).</summary>
    internal TimeSpan? JudgingGrace { get; init; }

    /// <summary>
    /// <see cref="JudgeAsync"/> within --budget (<see cref="JudgingLeft"/>): a failure whose judging the budget cuts short is
    /// no verdict either way; its rule is left not checked, and the failure is listed as a step not judged (exit 5, as a
    /// fault's: a check did fail, and only its replay can say whether a documented rule is broken), with the replay that
    /// judges it. A replay cut short puts back what it paused, as an interrupted scenario does.
    /// </summary>
    private async Task JudgeFailureAsync(RunState state, Scenario scenario, RunOutcome outcome, KitProfile against, int run, string? focus, CancellationToken cancellationToken)
    {
        using var judging = Judging(state.Budget, cancellationToken);

        using var ticking = CancellationTokenSource.CreateLinkedTokenSource(judging.Token);
        var ticker = SayStillJudgingAsync(outcome.Broken!.Rule, ticking.Token);
        state.Runner.Records = PredictsReplays && Real is not null; // the replays of this failure on a real recorder learn what they can from each other's answers
        try
        {
            await JudgeAsync(state, scenario, outcome, against, run, focus, judging.Token);
        }
        catch (OperationCanceledException) when (judging.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            NotJudged(state, outcome.Broken!.Rule, outcome.Broken.What, run, focus, outcome.FailingStep, against, string.Empty, "judged it (shrunk, replayed, looked for a setting that explains it)");
        }
        finally
        {
            state.Runner.Records = false;
            await ticking.CancelAsync();
            await ticker;
        }
    }

    /// <summary>
    /// How long the run goes without a line at most: a scenario that ends after that long says how many have run (on a
    /// slow recorder one takes half a minute), and a failure being judged says so every that long (shrinking and explaining
    /// it replays it many times, seconds each on a real recorder).
    /// </summary>
    public TimeSpan ProgressEvery { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Says every <see cref="ProgressEvery"/> that the failure of <paramref name="rule"/> is still being judged, until told to stop.</summary>
    private async Task SayStillJudgingAsync(string rule, CancellationToken stop)
    {
        var since = System.Diagnostics.Stopwatch.StartNew();
        using var timer = new PeriodicTimer(ProgressEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await progress.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  still judging the failure of {rule}: {since.Elapsed.TotalSeconds:0} s so far (shrinking it, replaying it, trying setting values)"));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// A failure not reported before, judged: shrunk, replayed (one that does not come back, or meets a fault, is no
    /// verdict), put down to a setting's value where one explains it (the rest of the run then expects that value), or
    /// reported as a broken documented rule or a difference no setting describes.
    /// </summary>
    private async Task JudgeAsync(RunState state, Scenario scenario, RunOutcome outcome, KitProfile against, int run, string? focus, CancellationToken cancellationToken)
    {
        var check = outcome.Broken!;
        progress.WriteLine($"  scenario {run}{(focus is null ? string.Empty : $" (aimed at {focus})")} failed a check of {check.Rule} at step {outcome.FailingStep + 1}: {check.What}; shrinking…");
        var original = (scenario, outcome);
        (scenario, outcome) = await ShrinkAsync(state.Runner, scenario, outcome, against, state.Tolerated, cancellationToken);
        var again = await state.Runner.RunAsync(scenario, against, null, state.Tolerated, cancellationToken);
        if (again.Fault is { } replayFault)
        {
            state.Faults.Add(new FaultMet(run, again.FailingStep + 1, replayFault));
            progress.WriteLine($"  the failure's replay met a fault ({replayFault}): not counted");
            state.Ledger.NotCheckable(check.Rule, $"a check failed, and its replay met a fault (--seed {Seed} --run {run}{(focus is null ? string.Empty : $" --focus {focus}")})");
            return;
        }

        if (!again.Failed)
        {
            // A failure that does not come back (a call ended meanwhile, a slow moment) is neither a verdict nor
            // something a setting could explain.
            progress.WriteLine("  the failure did not come back when the scenario was run again: not counted");
            NotReproduced(state.Ledger, check, $"a check failed once and not when run again (--seed {Seed} --run {run}{(focus is null ? string.Empty : $" --focus {focus}")})");
            return;
        }

        var refused = Real is not null && again.Broken is { Rule: "SES-1", Actual: "403", Documented: true } ? await Real.RefusedNowAsync(cancellationToken) : [];
        if (Real is not null && again.Broken is { Rule: "SES-1", Actual: "403", Documented: true } && refused.Count == 0
            && await state.Runner.RunAsync(scenario, against, null, state.Tolerated, cancellationToken) is { Failed: false, Fault: null })
        {
            // Every account logs in now, and the scenario no longer fails: whoever held an account during the failure
            // and its replay (a person, on a recorder that keeps a user's first session) has logged out since.
            progress.WriteLine("  every account logs in now, and the failure did not come back when the scenario was run a third time: not counted");
            state.Ledger.NotCheckable(check.Rule, $"a login was refused in a scenario and its replay, and every account logged in afterwards (was someone else logged in as one for a while?) (--seed {Seed} --run {run}{(focus is null ? string.Empty : $" --focus {focus}")})");
            return;
        }

        if (refused.Count > 0)
        {
            // Every account logged in at the start (RealWorld.ObserveAsync); one that cannot now, in a fresh session,
            // was most likely taken by a person on a recorder that keeps one session per user, or locked. The kit
            // cannot tell that from a login that stopped working, so its refusals are judged as a session policy's.
            state.Runner.RefusedNow.UnionWith(refused);
            progress.WriteLine($"  {string.Join(", ", refused)} could log in at the start of the run and cannot now, in a fresh session either: someone else may be logged in as {(refused.Count == 1 ? "that user" : "those users")} (a recorder may keep one session per user); from here on a refusal of {(refused.Count == 1 ? "its" : "their")} sessions differs on SES-1's inferred part");
            again = outcome = await state.Runner.RunAsync(scenario, against, null, state.Tolerated, cancellationToken);
            if (!again.Failed || again.Fault is not null)
            {
                return;
            }
        }

        if (await FollowsABreakAsync(state, scenario, against, cancellationToken) is { } followed)
        {
            progress.WriteLine($"  it follows from the break of {followed} reported already: with its steps as a server that breaks {followed} takes them, the scenario passes; not counted");
            NoteFollows(state, check, followed, run, focus);
            return;
        }

        progress.WriteLine("  looking for a setting value that explains it (each value tried is a replay)…");
        var diagnosis = new Diagnosis(state.Runner, state.Tolerated) { EarlierAlternatives = state.Ledger.Alternatives, KnownBreaks = state.Ledger.BrokenSignatures };
        var explanation = await diagnosis.ExplainAsync(scenario, outcome, against, original, state.ExplainedBefore, cancellationToken);
        if (explanation.Vanished)
        {
            progress.WriteLine("  the failure stopped coming back while the kit looked for a setting that explains it (did a call end meanwhile?): not counted");
            NotReproduced(state.Ledger, check, $"a check failed, and stopped failing while the kit replayed it (--seed {Seed} --run {run}{(focus is null ? string.Empty : $" --focus {focus}")})");
            return;
        }

        var (matching, changes, fitsAll) = explanation;
        var alternatives = explanation.Alternatives;
        if (!fitsAll && outcome.Broken!.Documented && (matching is null || !await diagnosis.BreaksNothingDocumentedAsync(state.ExplainedBefore, matching, cancellationToken)))
        {
            // A value that fits this failure but makes a scenario explained before break a documented rule
            // describes no one server: a documented rule it alone would excuse is broken. Where that scenario
            // then only differs on an inferred rule, its earlier explanation was the guess, not this one.
            (matching, changes, alternatives) = (null, [], []);
        }

        if (matching is not null && explanation.Aside is { Broken: { } aside } met && !state.Ledger.AlreadyReported(aside))
        {
            // Under the value found, the same scenario differs where no setting names the rule (the list's media
            // type): a difference of its own, reported and let pass from here on as any other such difference.
            state.Ledger.Fail(Describe(scenario, met, run, focus, []) with
            {
                Learned = Learnt(matching),
            });
            state.Tolerated.Add(RuleLedger.Signature(aside));
            progress.WriteLine($"  under that value it also differs on {aside.Rule}, which no setting describes: {aside.What}");
        }

        if (matching is not null && fitsAll && changes.Count > 0 && changes.All(c => profile[c.Setting] == c.ServerValue || state.Ledger.FittedEarlier(c)))
        {
            // The failure was the run's own doing: a value guessed earlier from a scenario two values fitted alike.
            // The server answers as the profile has it here and in every failure explained before (or as the value
            // that fitted an earlier failure as well as the guess), so this is no difference; earlier failures the
            // guess explained follow the settings that fit them all now.
            state.Ledger.Supersede(Learnt(matching), changes);
            state.ExplainedBefore.Add(scenario);
            var asProfile = changes.Where(c => profile[c.Setting] == c.ServerValue).Select(c => $"{c.Setting}={c.ServerValue}").ToList();
            var asEarlier = changes.Where(c => profile[c.Setting] != c.ServerValue).Select(c => $"{c.Setting}={c.ServerValue}").ToList();
            progress.WriteLine($"  an earlier guess was wrong: this server answers {(asProfile.Count == 0 ? string.Empty : $"as profile '{profile.Name}' has {string.Join(", ", asProfile)}")}{(asProfile.Count > 0 && asEarlier.Count > 0 ? ", and " : string.Empty)}{(asEarlier.Count == 0 ? string.Empty : $"{(asProfile.Count == 0 ? string.Empty : "differs from it ")}as {string.Join(", ", asEarlier)}, which fitted an earlier failure as well as the guess")}; the rest of the run expects that");
            state.CheckedAgainst = matching.With(ProfileSettings.SessionIdleTimeout, state.CheckedAgainst[ProfileSettings.SessionIdleTimeout]).Profile!;
            return;
        }

        var failure = Describe(scenario, outcome, run, focus, changes) with
        {
            Learned = Learnt(state.CheckedAgainst),
            Alternatives = alternatives,
        };
        state.Ledger.Fail(failure, matching is not null && fitsAll, check);
        if (matching is not null && fitsAll)
        {
            // The value fits every failure explained before too: it replaces a guess an earlier, smaller one allowed.
            state.Ledger.Supersede(Learnt(matching), changes);
            state.ExplainedBefore.Add(scenario);
        }

        if (matching is not null)
        {
            var alike = alternatives.Count == 0 ? string.Empty
                : $", or as well {string.Join(" or ", alternatives.Select(c => $"{c.Setting}={c.ServerValue}"))} in place of the last (this scenario cannot tell them apart; the probe measures each)";
            // A change back to the profile's own value (an earlier guess dropped on the way) is no difference of the server.
            var differences = changes.Where(c => profile[c.Setting] != c.ServerValue).ToList();
            var dropped = changes.Except(differences).ToList();
            var back = dropped.Count == 0 ? string.Empty
                : $"{(differences.Count == 0 ? "answers" : " (and answers")} as profile '{profile.Name}' has {string.Join(", ", dropped.Select(c => $"{c.Setting}={c.ServerValue}"))}{(differences.Count == 0 ? ", unlike an earlier failure" : ": an earlier guess was wrong)")}";
            progress.WriteLine(differences.Count == 0
                ? $"  this server {back}; the rest of the run expects that"
                : $"  this server differs from profile '{profile.Name}': it matches {string.Join(", ", differences.Select(c => $"{c.Setting}={c.ServerValue}"))}{alike}{back}; the rest of the run expects {(alike.Length == 0 ? "that" : "the first")}");
            state.CheckedAgainst = matching.With(ProfileSettings.SessionIdleTimeout, state.CheckedAgainst[ProfileSettings.SessionIdleTimeout]).Profile!;
        }
        else
        {
            if (failure.BreaksDocumentedRule)
            {
                await ForgetWhatFollowsAsync(state, failure.Check.Rule, cancellationToken);
            }

            progress.WriteLine(failure.BreaksDocumentedRule
                ? $"  documented rule {failure.Check.Rule} is broken"
                : failure.Check.Timing
                    ? $"  inferred rule {failure.Check.Rule} differs on its timing, which no setting value describes"
                    : $"  inferred rule {failure.Check.Rule} differs from the profile, and no setting value a run tries matches (the report names those only --probe measures)");
            if (!failure.Check.Documented && failure.Check.Neutral)
            {
                state.Tolerated.Add(RuleLedger.Signature(failure.Check));
            }
        }
    }

    /// <summary>
    /// A failure that did not come back proves nothing. A documented rule's is left not checked (it may be a bug that shows
    /// now and then). An inferred check's leaves its rule the verdict of its other checks; after it has done so
    /// <see cref="RuleLedger.FlakyLimit"/> times a later failure of it is run once more rather than shrunk (a page that
    /// shows the time costs each scenario a shrink otherwise), and says so.
    /// </summary>
    private void NotReproduced(RuleLedger ledger, Check check, string why)
    {
        if (check.Documented)
        {
            ledger.NotCheckable(check.Rule, why);
            return;
        }

        if (ledger.Flaked(check, why))
        {
            progress.WriteLine($"  {check.Rule}: \"{check.What}\" failed {RuleLedger.FlakyLimit} times and each time not again: from here on such a failure is run once more, not shrunk");
        }
    }

    /// <summary>The settings in which <paramref name="learnt"/> differs from the profile checked against, the idle timeout aside (a standalone simulator's own).</summary>
    private List<SettingChange> Learnt(KitProfile learnt) =>
        [.. learnt.DifferencesFrom(profile).Where(d => d.Setting != ProfileSettings.SessionIdleTimeout).Select(d => new SettingChange(d.Setting, profile[d.Setting], d.Value))];

    /// <summary>
    /// A difference found while the run expected a value it later dropped (a guess two values fitted alike, an order of
    /// checks) may be that guess's doing: one whose explanation the final profile does not hold is replayed under that
    /// profile, without leave for its own difference, and withdrawn where it passes twice; so is a documented rule's
    /// break found while the run expected such a value (the check it failed expected what the guess said). Timing differences stay: a
    /// replay passes or fails them with the server's timing. These replays are judging too, within the same time past
    /// --budget (<see cref="JudgingLeft"/>): a difference the budget leaves unreplayed is no verdict either way, and is
    /// listed as a failure not judged, with the replay that judges it.
    /// </summary>
    private async Task WithdrawGuessesAsync(RunState state, CancellationToken cancellationToken)
    {
        var (runner, ledger, final) = (state.Runner, state.Ledger, state.CheckedAgainst);
        using var judging = Judging(state.Budget, cancellationToken);

        foreach (var failure in ledger.Failures.Where(f => !f.Check.Timing && (f.BreaksDocumentedRule ? CameOfADroppedValue(f, final) : f.Explained.Count == 0 || f.Explained.Any(c => final[c.Setting] != c.ServerValue) || CameOfADroppedValue(f, final))).ToList())
        {
            var strict = Without(state, failure.Check);
            // One whose own values the final profile holds is replayed without them: where it passes so, it was the dropped
            // value's doing, and its own values (which then fit a failure that was none) are no finding either.
            var against = failure.Explained.Count > 0 && failure.Explained.All(c => final[c.Setting] == c.ServerValue)
                ? failure.Explained.Aggregate(final, (p, c) => p.With(c.Setting, c.ProfileValue).Profile!)
                : final;
            try
            {
                if (await PassesTwiceAsync(runner, failure.Scenario, against, strict, judging.Token) && await StillBreaksAsync(state, failure, strict, judging.Token))
                {
                    ledger.Withdraw(failure);
                    progress.WriteLine($"  {failure.Rule} ({failure.Check.What}) passes under the settings the run ended with: it came of a value guessed for a while, withdrawn");
                }
            }
            catch (OperationCanceledException) when (judging.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                ledger.Withdraw(failure);
                NotJudged(state, failure.Rule, failure.Check.What, failure.Run, failure.Focus, failure.FailingStep, final, " while the run expected a value it later dropped", "replayed it under the settings the run ended with");
            }
        }
    }

    /// <summary>
    /// Whether the failure was found while the run expected a value, outside its own explanation, that the run later
    /// dropped (a guess another failure showed wrong): its explanation may fit only that guess (under
    /// badDirectionOrder=before-login, since dropped, a list without a session and with a bad direction was explained by
    /// directionWithoutValue=ignored, which the server did not have).
    /// </summary>
    private static bool CameOfADroppedValue(Failure failure, KitProfile final) =>
        failure.Learned.Any(c => final[c.Setting] != c.ServerValue && failure.Explained.All(e => e.Setting != c.Setting));

    /// <summary>
    /// A failed check the --budget left no time to judge: no verdict either way. Its rule is left not checked and the
    /// failure listed as a step not judged (exit 5, as a fault's), each with the replay that judges it.
    /// </summary>
    private void NotJudged(RunState state, string rule, string what, int run, string? focus, int failingStep, KitProfile learntFrom, string context, string judging)
    {
        // The values the run had learnt by then go with the replay: without them it stops at the first difference they explained.
        var replay = $"--seed {Seed} --run {run}{(focus is null ? string.Empty : $" --focus {focus}")}{string.Concat(Learnt(learntFrom).Select(c => $" --set {c.Setting}={c.ServerValue}"))}";
        progress.WriteLine($"  the --budget ran out before the kit had {judging}, for the failure of {rule}: not judged");
        state.Ledger.NotCheckable(rule, $"a check failed (\"{what}\"){context}, and the --budget ran out before the kit had {judging}: replay with {replay} and a larger --budget");
        state.Faults.Add(new FaultMet(run, failingStep + 1, new Wire.StepFault("budget", $"the check of {rule} that failed", $"the --budget ran out before the kit had {judging}; replay with {replay} and a larger --budget")));
    }
}
