using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Kit;

/// <summary>
/// Failures that follow from a documented rule the run found broken: not put down to a setting when met after the break,
/// withdrawn when met before it (<see cref="Commands.Command.AsBreaking"/>).
/// </summary>
internal sealed partial class ConformanceKit
{
    /// <summary>
    /// The documented rule, reported broken already, a failure follows from (<see cref="FollowsAsync"/>). A server that
    /// let a login without a cookie work answered a bad pause in that session as a logged-in one, and the run put it
    /// down to badPausedOrder=before-login, then two more values to fit that guess. Null: none does.
    /// </summary>
    private static async Task<string?> FollowsABreakAsync(RunState state, Scenario scenario, KitProfile against, CancellationToken cancellationToken)
    {
        foreach (var rule in state.Ledger.BrokenRules.ToList())
        {
            if (await FollowsAsync(state, scenario, against, rule, state.Tolerated, cancellationToken))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the failure of <paramref name="scenario"/> follows from the break of <paramref name="rule"/>: the same
    /// scenario with its steps as a server that breaks that rule takes them passes twice, and the server answered both
    /// forms alike up to the failing step (the same statuses, and the same login and logout pages), so only what the
    /// kit expected differs. A server that answers a login without a cookie with a page of its own (SES-3) does more than
    /// break SES-2: what follows from that page is no consequence of the break, unless that page is a break of SES-3 the
    /// run has reported too.
    /// </summary>
    private static async Task<bool> FollowsAsync(RunState state, Scenario scenario, KitProfile against, string rule, IReadOnlySet<string> tolerated, CancellationToken cancellationToken)
    {
        var changed = scenario.Steps.Select(s => s.AsBreaking(rule)).ToList();
        if (changed.All(c => c is null))
        {
            return false;
        }

        var asBroken = scenario with { Steps = [.. scenario.Steps.Select((s, i) => changed[i] ?? s)] };
        var original = await state.Runner.RunAsync(scenario, against, null, tolerated, cancellationToken);
        if (original is not { Failed: true, Fault: null })
        {
            return false;
        }

        var replay = await state.Runner.RunAsync(asBroken, against, null, tolerated, cancellationToken);
        return replay is { Failed: false, Fault: null } && AnsweredAlike(original, replay, pages: !state.Ledger.BrokenRules.Contains("SES-3"))
            && await state.Runner.RunAsync(asBroken, against, null, tolerated, cancellationToken) is { Failed: false, Fault: null };
    }

    /// <summary>Whether the requests of <paramref name="failed"/> up to its failing step got the answers <paramref name="other"/>'s got, in order (the login and logout pages too, where <paramref name="pages"/>).</summary>
    private static bool AnsweredAlike(RunOutcome failed, RunOutcome other, bool pages)
    {
        var upTo = failed.FailingExchange is { } at ? at + 1 : failed.Transcript.Count;
        var mine = failed.Transcript.Take(upTo).Where(e => e.Script is null).ToList();
        var theirs = other.Transcript.Where(e => e.Script is null).Take(mine.Count).ToList();
        return theirs.Count == mine.Count && mine.Zip(theirs).All(p =>
            p.First.Method == p.Second.Method && p.First.Status == p.Second.Status
            && (!pages || !IsSessionPage(p.First) || Wire.Exchange.GistsAgree(p.First.Gist, p.Second.Gist)));
    }

    private static bool IsSessionPage(Wire.Exchange exchange) =>
        exchange.PathAndQuery.Contains("loginAction.do", StringComparison.Ordinal) || exchange.PathAndQuery.Contains("logoutAction.do", StringComparison.Ordinal);

    /// <summary>The differences the run lets pass, without <paramref name="own"/>'s: a replay that is to tell whether it passes must not let it.</summary>
    private static HashSet<string> Without(RunState state, Check own)
    {
        var strict = new HashSet<string>(state.Tolerated, StringComparer.Ordinal);
        strict.Remove(RuleLedger.Signature(own));
        return strict;
    }

    /// <summary>
    /// Where a documented rule was found broken: the differences reported before that follow from the break (<see
    /// cref="FollowsAsync"/>, under the values the run expected when each was found) are withdrawn, and the values that
    /// explained them, which no other difference holds, go back to the profile's. A server that let a login without a
    /// cookie work had a list with a bad direction in that session put down to badDirectionOrder=before-login before the
    /// run met the break, and the rest of the run expected that value. Then whatever the run found while it expected a
    /// value since given back is replayed as the run stands now, and withdrawn where it passes twice: a difference whose
    /// values are the profile's own (it only told the run that value was wrong), and a documented break (under that
    /// guess and three more, a list with an empty direction had been called LST-1 broken). The budget may cut this short:
    /// what was not yet looked at stays as it was.
    /// </summary>
    private async Task ForgetWhatFollowsAsync(RunState state, string rule, CancellationToken cancellationToken)
    {
        try
        {
            var givenBack = false;
            foreach (var earlier in state.Ledger.Failures.Where(f => !f.BreaksDocumentedRule && !f.Check.Timing).ToList())
            {
                if (!await FollowsAsync(state, earlier.Scenario, Then(state, earlier), rule, Without(state, earlier.Check), cancellationToken))
                {
                    continue;
                }

                Forget(state, earlier, $"found before follows from the break of {rule} too");
                givenBack |= earlier.Explained.Count > 0;

                NoteFollows(state, earlier.Check, rule, earlier.Run, earlier.Focus);
            }

            // Each value given back may have led to others: until nothing more is given back, whatever was found while the run
            // expected a value it no longer does (or explained only by the profile's own values) is replayed as the run now
            // stands, without its own values, and withdrawn where it passes twice, its values given back in turn.
            while (givenBack)
            {
                givenBack = false;
                var now = state.CheckedAgainst;
                foreach (var found in state.Ledger.Failures.Where(f => !(f.BreaksDocumentedRule && f.Check.Rule == rule) && !f.Check.Timing
                    && (f.Learned.Any(c => now[c.Setting] != c.ServerValue) || (f.Explained.Count > 0 && f.Explained.All(c => profile[c.Setting] == c.ServerValue)))).ToList())
                {
                    var strict = Without(state, found.Check);
                    var against = ForScenario(found.Explained.Aggregate(state.CheckedAgainst, (p, c) => p.With(c.Setting, profile[c.Setting]).Profile!), found.Focus);
                    if (await PassesTwiceAsync(state.Runner, found.Scenario, against, strict, cancellationToken) && await StillBreaksAsync(state, found, strict, cancellationToken))
                    {
                        givenBack |= Forget(state, found, "was found while the run expected a value it has given back, and passes without it") > 0;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The break stands as found, judged; a run stopped by its caller stops at its next step.
            progress.WriteLine($"  the --budget ran out while the kit looked for what else the break of {rule} explains: what it had not looked at stands as found");
        }
    }

    /// <summary>The profile the run held when <paramref name="failure"/> was found: the values it had learnt by then.</summary>
    private KitProfile Then(RunState state, Failure failure) =>
        ForScenario(failure.Learned.Aggregate(profile, (p, c) => p.With(c.Setting, c.ServerValue).Profile!).With(ProfileSettings.SessionIdleTimeout, state.CheckedAgainst[ProfileSettings.SessionIdleTimeout]).Profile!, failure.Focus);

    /// <summary>
    /// Whether a documented break still fails as the run expected when it found it (always true of a difference): one
    /// that passes now under the settings the run holds only proves a guess was its doing where it still fails under that
    /// guess; a break tied to a call that has ended since passes under any settings, and stays.
    /// </summary>
    private async Task<bool> StillBreaksAsync(RunState state, Failure failure, IReadOnlySet<string> strict, CancellationToken cancellationToken) =>
        !failure.BreaksDocumentedRule || await state.Runner.RunAsync(failure.Scenario, Then(state, failure), null, strict, cancellationToken) is { Failed: true, Fault: null };

    /// <summary>The word on a check's rule that one of its failures followed from the break of <paramref name="rule"/>, with the replay.</summary>
    private void NoteFollows(RunState state, Check check, string rule, int run, string? focus) =>
        state.Ledger.Note(check.Rule, "follows|" + RuleLedger.Signature(check), $"a failure (\"{check.What}\") followed from the break of {rule} and is not counted (--seed {Seed} --run {run}{(focus is null ? string.Empty : $" --focus {focus}")})");

    /// <summary>Whether the scenario passes twice under <paramref name="against"/>, letting only <paramref name="tolerated"/> pass (one cut short by a fault proves nothing).</summary>
    private static async Task<bool> PassesTwiceAsync(ScenarioRunner runner, Scenario scenario, KitProfile against, IReadOnlySet<string> tolerated, CancellationToken cancellationToken) =>
        await runner.RunAsync(scenario, against, null, tolerated, cancellationToken) is { Failed: false, Fault: null }
        && await runner.RunAsync(scenario, against, null, tolerated, cancellationToken) is { Failed: false, Fault: null };

    /// <summary>
    /// Withdraws a failure the run no longer counts, and stops letting its check pass (a later failure of it is judged
    /// anew); the values that explained it, which no difference still standing holds, go back to the profile's. Returns
    /// how many went back.
    /// </summary>
    private int Forget(RunState state, Failure failure, string why)
    {
        state.Ledger.Withdraw(failure);
        state.ExplainedBefore.Remove(failure.Scenario);
        state.Tolerated.Remove(RuleLedger.Signature(failure.Check));
        var held = state.Ledger.Failures.SelectMany(f => f.Explained).Select(c => c.Setting).ToHashSet(StringComparer.Ordinal);
        var back = failure.Explained.Where(c => !held.Contains(c.Setting) && state.CheckedAgainst[c.Setting] != profile[c.Setting]).ToList();
        foreach (var change in back)
        {
            state.CheckedAgainst = state.CheckedAgainst.With(change.Setting, profile[change.Setting]).Profile!;
        }

        progress.WriteLine($"  {failure.Rule} ({failure.Check.What}) {why}{(back.Count == 0 ? string.Empty : $"; the rest of the run expects {string.Join(", ", back.Select(c => $"{c.Setting}={profile[c.Setting]}"))} again")}: withdrawn");
        return back.Count;
    }
}
