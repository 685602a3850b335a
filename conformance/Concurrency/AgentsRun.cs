using System.Collections.Immutable;
using System.Globalization;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Concurrency;

/// <summary>
/// Concurrent agents against one target: each logs in with its own session and pauses, resumes and reads couples,
/// some shared by every agent and some its own, while the run records when each operation was sent and answered.
/// Then each couple's history is checked for an order consistent with real time (<see cref="HistoryCheck"/>); on the
/// simulator, against the pause history it recorded too. On a real recorder only the allowed couples are touched,
/// at the pace given, and every one is put back as it was found, which a final audit proves.
/// </summary>
internal sealed class AgentsRun(ITarget target, AgentsPlan plan, TextWriter progress)
{
    private const double ReadShare = 0.4;
    private const double PrivateShare = 0.4;

    /// <summary>A real recorder as found, with the couples the kit may pause; null on the simulator.</summary>
    public RealWorld? Real { get; init; }

    /// <summary>The accounts given for a real recorder; agents take those with list and pause rights in turn.</summary>
    public IReadOnlyList<ModelUser> Accounts { get; init; } = [];

    /// <summary>
    /// The profile says a user holds one session (sessionsPerUser=one or first-wins, SES-4): agents sharing an account
    /// would log each other out, or all but one would not be logged in, so a real recorder gets one agent per account.
    /// </summary>
    public bool OneSessionPerUser { get; init; }

    /// <summary>The profile checked against: where agents and the put-back send <c>paused</c> when it says two values are joined.</summary>
    public Profiles.KitProfile? Profile { get; init; }

    /// <summary>
    /// How long the details may take to show a pause or resume (PSE-1 does not say) on a target whose clock the kit does
    /// not move; zero, or a simulator in-process, judges the final read at once.
    /// </summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);

    public async Task<AgentsResult> RunAsync(CancellationToken cancellationToken)
    {
        // On a real recorder an allowed couple whose state the details do not show is never paused (it could not be put back).
        var unreadable = (Real?.Unreadable ?? new HashSet<long>()).Order()
            .Select(id => CoupleVerdict.Unchecked(id, true, 0, 0, $"the details of couple {id} show no paused element with true or false (its name is our inference), so its state cannot be read nor put back as found: it was not paused"))
            .ToList();
        var (users, couples) = await SetUpAsync(cancellationToken);
        if (couples.Count == 0)
        {
            return new AgentsResult(target.Description, plan, TimeSpan.Zero, unreadable, 0, 0, []);
        }

        var planned = Real is not null && OneSessionPerUser && users.Count < plan.Agents ? plan with { Agents = users.Count } : plan;
        if (planned.Agents < plan.Agents)
        {
            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"sessionsPerUser={Profile?[Profiles.ProfileSettings.SessionsPerUser] ?? "one"}: a user holds one session (SES-4), so {planned.Agents} agent(s), one per account, not {plan.Agents}"));
        }

        var clock = new AgentClock(TimeProvider.System);
        var pacer = new Pacer(plan.Pace, TimeProvider.System);
        var clients = Enumerable.Range(0, planned.Agents).Select(_ => target.CreateClient()).ToList();
        var agents = Enumerable.Range(0, planned.Agents).Select(i => new Agent(i, users[i % users.Count], clients[i], pacer, clock, plan.Timeout, target.Control, Profile)).ToList();
        var ids = 0;
        var operations = new List<Operation>();
        var initial = new Dictionary<long, Operation>();
        var final = new Dictionary<long, Operation>();
        try
        {
            var prepared = new List<IReadOnlyList<AgentCouple>>();
            foreach (var agent in agents)
            {
                prepared.Add(await agent.PrepareAsync(couples.Where(c => c.Owner is null || c.Owner == agent.Index).Select(c => (c.Id, c.Owner is null)).ToList(), cancellationToken));
            }

            // Each couple is read alone before and after the agents run: the state it was found in, and the one it settled in.
            foreach (var (id, owner) in couples)
            {
                var reader = owner ?? 0;
                initial[id] = await agents[reader].RunAsync(ids++, prepared[reader].First(c => c.Id == id), OperationKind.Read, cancellationToken);
            }

            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{planned.Agents} agents, {plan.Operations} operations on {couples.Count(c => c.Owner is null)} shared and {couples.Count(c => c.Owner is not null)} private couple(s) of {target.Description}, seed {plan.Seed}"));
            var started = clock.Now;
            var done = 0;
            var step = Math.Max(1, plan.Operations / 10);
            var perAgent = await Task.WhenAll(agents.Select(agent => Task.Run(
                async () =>
                {
                    var own = prepared[agent.Index].Where(c => !c.Shared).ToList();
                    var shared = prepared[agent.Index].Where(c => c.Shared).ToList();
                    var random = new Random(unchecked((plan.Seed * 7919) + agent.Index));
                    var count = (plan.Operations / planned.Agents) + (agent.Index < plan.Operations % planned.Agents ? 1 : 0);
                    var history = new List<Operation>(count);
                    for (var i = 0; i < count; i++)
                    {
                        var couple = own.Count > 0 && (shared.Count == 0 || random.NextDouble() < PrivateShare) ? own[random.Next(own.Count)] : shared[random.Next(shared.Count)];
                        var roll = random.NextDouble();
                        var kind = roll < ReadShare ? OperationKind.Read : roll < (1 + ReadShare) / 2 ? OperationKind.Pause : OperationKind.Resume;
                        history.Add(await agent.RunAsync(Interlocked.Increment(ref ids), couple, kind, cancellationToken));
                        if (Interlocked.Increment(ref done) % step == 0)
                        {
                            lock (progress)
                            {
                                progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {done}/{plan.Operations} operations"));
                            }
                        }
                    }

                    return history;
                },
                cancellationToken)));
            operations.AddRange(perAgent.SelectMany(h => h));
            var duration = clock.Now - started;
            foreach (var (id, owner) in couples)
            {
                var reader = owner ?? 0;
                final[id] = await agents[reader].RunAsync(Interlocked.Increment(ref ids), prepared[reader].First(c => c.Id == id), OperationKind.Read, cancellationToken);
            }

            var owners = couples.ToDictionary(c => c.Id, c => c.Owner ?? 0);
            // On a target whose clock the kit does not move, details may lag (PSE-1 does not say how soon they show a pause).
            var lagAllowed = target.Clock == ClockKind.Virtual ? TimeSpan.Zero : Settle;
            var rereads = lagAllowed <= TimeSpan.Zero
                ? new Dictionary<long, IReadOnlyList<Operation>>()
                : await new FinalSettling(lagAllowed, TimeProvider.System)
                {
                    WaitingLonger = (count, longer) => progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {count} couple(s) still show a state no last pause or resume wrote after --settle ({lagAllowed.TotalSeconds:0.#} s): reading them again for up to {longer.TotalSeconds:0.#} s more (details lag, PSE-1)")),
                }.RereadAsync(
                    [.. couples.Select(c => c.Id).Where(id => HistoryCheck.Settled(OperationsOn(id), initial[id], final[id]) is not null)],
                    again => HistoryCheck.Settled(OperationsOn(again.Couple), initial[again.Couple], again) is null,
                    (id, token) => agents[owners[id]].RunAsync(Interlocked.Increment(ref ids), prepared[owners[id]].First(c => c.Id == id), OperationKind.Read, token),
                    cancellationToken);

            var recorded = target.Control is { } control ? await control.PauseHistoriesAsync(cancellationToken) : null;
            var measured = lagAllowed <= TimeSpan.Zero ? null : await MeasureLagAsync(couples, initial, (id, kind, token) => agents[owners[id]].RunAsync(Interlocked.Increment(ref ids), prepared[owners[id]].First(c => c.Id == id), kind, token), lagAllowed, cancellationToken);
            foreach (var agent in agents)
            {
                await agent.LogoutAsync(cancellationToken);
            }

            // A lag measured past --settle (a couple that settled only in the longer wait, or the pause and resume sent once
            // the agents stopped) is what reads during the run may show too: their windows are worded with it.
            var lagSeen = rereads.Where(r => r.Value.Count > 0 && r.Value[^1].Outcome == OperationOutcome.Done && HistoryCheck.Settled(OperationsOn(r.Key), initial[r.Key], r.Value[^1]) is null)
                .Select(r => LagOf(OperationsOn(r.Key), r.Value[^1])).Append(measured?.Lag ?? TimeSpan.Zero).Max(); // a couple that never settled measured no lag
            var lagWording = lagSeen > lagAllowed ? lagSeen : lagAllowed;
            // Only a lag the run saw excuses a window, and no more of it than --settle: where the run saw every
            // state at once, a window is no lag's doing (a pause lost, and another write after it, looks the same).
            var lagExcused = lagSeen < lagAllowed ? lagSeen : lagAllowed;
            var verdicts = couples.Select(c => Verdict(c.Id, c.Owner is null, initial[c.Id], OperationsOn(c.Id), final[c.Id], rereads.GetValueOrDefault(c.Id) ?? [], recorded?.GetValueOrDefault(c.Id), (lagWording, lagExcused), lagAllowed)).ToList();
            var audit = await PutBackAsync(couples.Select(c => c.Id).ToHashSet(), lagSeen, cancellationToken); // touched: the measured couple too
            return new AgentsResult(target.Description, planned, duration, [.. verdicts, .. unreadable], operations.Count(o => o.Outcome == OperationOutcome.Refused), operations.Count(o => o.Status >= 500), audit.Changed)
            {
                AuditUnchecked = audit.Unchecked,
                MeasuredLag = measured,
                Settle = lagAllowed,
            };
        }
        catch when (Real is not null)
        {
            await PutBackAsync(couples.Select(c => c.Id).ToHashSet(), Settle, CancellationToken.None); // the lag the run allows: a put-back that late may not show yet
            throw;
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        List<Operation> OperationsOn(long id) => [.. operations.Where(o => o.Couple == id)];
    }

    /// <summary>
    /// One couple's verdict from its history: the read before the agents, their operations, the read after them and the
    /// reads made again while its details had not yet settled (<see cref="FinalSettling"/>), each a read like any other.
    /// </summary>
    /// <param name="lag">
    /// The lag a window is worded with (--settle, or the longest the run measured past it), and the lag that
    /// excuses one: the longest the run measured (the final reads, and the pause and resume sent once the agents stopped), up to --settle.
    /// </param>
    /// <param name="settle">--settle: the lag the run allows (zero where the kit moves the clock); a longer one differs, with a word to raise it.</param>
    private static CoupleVerdict Verdict(long id, bool shared, Operation initial, IReadOnlyList<Operation> ops, Operation final, IReadOnlyList<Operation> rereads, RecordedTransitions? recorded, (TimeSpan Wording, TimeSpan Excused) lag, TimeSpan settle)
    {
        IReadOnlyList<Operation> history = [initial, .. ops, final, .. rereads];
        // Only a couple none of whose reads showed its state is not checked: a read without the state is left out of the
        // history like a read without an answer, and the reads that did show it still check the writes (GEN-3, PSE-1).
        if (history.Any(o => o.Outcome == OperationOutcome.Unreadable) && !history.Any(o => o.Kind == OperationKind.Read && o.Outcome == OperationOutcome.Done))
        {
            return CoupleVerdict.Unchecked(id, shared, history.Count, history.Count(o => o.Outcome == OperationOutcome.Unknown),
                $"no read of couple {id} showed a paused element with true or false (its name is our inference; {history.Count(o => o.Outcome == OperationOutcome.Unreadable)} read(s) showed none), so the reads say nothing of its state: GEN-3 and PSE-1 not checked for it");
        }

        var window = HistoryCheck.SmallestWindow(id, history);

        // A read that shows a state from a moment before it was sent is what details that lag show: a window that only
        // such lag (up to the settle time) explains is worded as details lag, not as pauses taken out of order.
        var lagExplains = window is not null && lag.Wording > TimeSpan.Zero && HistoryCheck.ExplainedByLag(history, lag.Wording) == true;
        var withinSettle = lagExplains && lag.Excused > TimeSpan.Zero && (lag.Excused == lag.Wording || HistoryCheck.ExplainedByLag(history, lag.Excused) == true);
        var settled = HistoryCheck.Settled(ops, initial, final);
        if (settled is not null && rereads.Count > 0 && rereads[^1].Outcome is OperationOutcome.Refused or OperationOutcome.Unreadable)
        {
            // The details stopped answering (the call ended, the session went) while the kit waited for them to settle: a
            // read that lagged cannot be told from a lost pause, so the end state is not judged (PSE-1).
            return new CoupleVerdict(id, shared, history.Count, history.Count(o => o.Outcome == OperationOutcome.Unknown), window, null, null)
            {
                NotChecked = $"its details stopped showing its state while the kit waited for them to settle ({settled})",
                LagExplainsWindow = lagExplains ? lag.Wording : null,
                WindowWithinSettle = withinSettle,
            };
        }

        string? lateShown = null;
        var lagWithinSettle = false;
        if (settled is not null && rereads.Count > 0 && rereads[^1] is { Outcome: OperationOutcome.Done, Seen: { } shown } late && HistoryCheck.Settled(ops, initial, late) is null)
        {
            // The state a last write wrote showed, only later: PSE-1 holds; how soon the details show it is inferred.
            // Judged from the last pause or resume sent, not from the read after the agents stopped, which came later.
            var waited = (late.Completed - final.Completed)!.Value;
            var lagged = LagOf(ops, late);
            lagWithinSettle = lagged <= settle;
            var raise = lagWithinSettle ? string.Empty
                : string.Create(CultureInfo.InvariantCulture, $"; that is {lagged.TotalMilliseconds:0} ms after the last pause or resume was sent, longer than --settle ({settle.TotalSeconds:0.#} s): with --settle {Math.Ceiling(lagged.TotalSeconds * 2)} the reads during the run are judged with this lag too");
            lateShown = $"{settled}; then paused={(shown ? "true" : "false")} at a read {waited.TotalMilliseconds:0} ms later (details lag: how soon the details show a pause or resume is not documented{raise})";
            settled = null;
        }

        if (settled is not null && rereads.Count > 0)
        {
            settled += string.Create(CultureInfo.InvariantCulture, $"; read again {rereads.Count} time(s) for {(rereads[^1].Completed - final.Completed)?.TotalSeconds ?? 0:0.#} s (up to {DetailsLag.LongestWaitInSettles} times --settle), it never showed the state written last");
        }

        var mismatch = window is null && recorded is not null && !HistoryCheck.Linearizable(history, recorded)
            ? $"the simulator recorded {recorded.Count} change(s) of couple {id} ({string.Join(", ", recorded.Logins.Select((l, i) => $"{(i % 2 == 0 ? "paused" : "resumed")} by {l}"))}), but no order of the operations the agents saw makes exactly those changes"
            : null;

        // Reads that details up to --settle late would explain, where the run measured less lag (measured at rest, a lag
        // may be shorter than under the agents' load): a pause lost and one shown late look alike here, so
        // the window is not judged either way; the final state still is (PSE-1).
        if (window is not null && !withinSettle && settle > TimeSpan.Zero && settle > lag.Excused
            && (lag.Wording == settle ? lagExplains : HistoryCheck.ExplainedByLag(history, settle) == true))
        {
            return new CoupleVerdict(id, shared, history.Count, history.Count(o => o.Outcome == OperationOutcome.Unknown), null, settled, null)
            {
                NotChecked = string.Create(CultureInfo.InvariantCulture, $"no order explains its reads at once, and details up to --settle ({settle.TotalSeconds:0.#} s) late would, but the run measured {(lag.Excused > TimeSpan.Zero ? $"a lag of {lag.Excused.TotalMilliseconds:0} ms at most" : "no lag")} (the final reads, and a pause and resume once the agents stopped; a lag under load may be longer): a pause lost and one shown late cannot be told apart here (GEN-3 not judged; how soon details show a pause is not documented, PSE-1)"),
                Lag = lateShown,
                LagWithinSettle = lagWithinSettle,
            };
        }

        return new CoupleVerdict(id, shared, history.Count, history.Count(o => o.Outcome == OperationOutcome.Unknown), window, settled, mismatch)
        {
            Lag = lateShown,
            LagWithinSettle = lagWithinSettle,
            LagExplainsWindow = lagExplains ? lag.Wording : null,
            WindowWithinSettle = withinSettle,
        };
    }

    /// <summary>
    /// How long after its last pause or resume was sent a couple's details showed the state a last write wrote: the lag as
    /// the run saw it (less where the write that made the change came before one that changed nothing, more by up to one
    /// interval between the reads made again).
    /// </summary>
    private static TimeSpan LagOf(IReadOnlyList<Operation> ops, Operation settledRead) =>
        ops.Where(o => o.Writes is not null && o.Outcome is OperationOutcome.Done or OperationOutcome.Unknown).MaxBy(o => o.Invoked) is { } last && settledRead.Completed is { } shown
            ? shown - last.Invoked
            : TimeSpan.Zero;

    /// <summary>
    /// How late the details show a pause and a resume, measured on one couple once the agents stopped (a shared one first,
    /// one whose state the first read showed): the clean-up puts it back as found like every other.
    /// </summary>
    private async Task<(long Couple, TimeSpan Lag)?> MeasureLagAsync(
        IReadOnlyList<(long Id, int? Owner)> couples, Dictionary<long, Operation> initial, Func<long, OperationKind, CancellationToken, Task<Operation>> run, TimeSpan settle, CancellationToken cancellationToken)
    {
        if (couples.Where(c => initial[c.Id].Outcome == OperationOutcome.Done).OrderBy(c => c.Owner is null ? 0 : 1).Select(c => (long?)c.Id).FirstOrDefault() is not { } id)
        {
            return null;
        }

        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  measuring how late the details show a pause and a resume: couple {id} set to the other state and back once more (PSE-1)"));
        return await new LagMeasurement(settle, TimeProvider.System).MeasureAsync((kind, token) => run(id, kind, token), cancellationToken) is { } lag ? (id, lag) : null;
    }

    /// <summary>The agents' accounts and couples: made on the simulator, taken from the allow-list on a real recorder.</summary>
    private async Task<(IReadOnlyList<ModelUser> Users, IReadOnlyList<(long Id, int? Owner)> Couples)> SetUpAsync(CancellationToken cancellationToken)
    {
        if (Real is not null)
        {
            // An account whose phone masks match neither number of an allowed couple cannot reach it under any reading of
            // the masks (LST-5, DET-2), so it is no agent: a run with every kind of account given must not stop at it.
            var pausers = Accounts.Where(a => a.CallList && a.PauseAndResume
                && Real.Pausable.All(id => Real.Couples.FirstOrDefault(c => c.Id == id) is not { Known: true } couple || a.MaySee(couple))).ToList();
            if (pausers.Count == 0 || (Real.Pausable.Count == 0 && Real.Unreadable.Count == 0))
            {
                throw new TargetException("--agents on a real recorder needs an --account with list,pause rights whose phone masks reach every --couple, --allow-pause and at least one --couple in progress");
            }

            // On a real recorder every allowed couple is shared: there are few, and each agent may touch them all.
            return (pausers, Real.Pausable.Order().Select(id => (id, (int?)null)).ToList());
        }

        var control = target.Control ?? throw new TargetException("--agents needs the simulator's control API or, on a real recorder, --account, --allow-pause and --couple");
        var shared = Math.Clamp(plan.Agents / 4, 2, 8);
        var users = Enumerable.Range(1, plan.Agents)
            .Select(i => new ModelUser(string.Create(CultureInfo.InvariantCulture, $"agent{i:00}"), string.Create(CultureInfo.InvariantCulture, $"secret-{i:00}"), true, true, ImmutableArray<string>.Empty))
            .ToImmutableArray();
        var calls = Enumerable.Range(0, shared + plan.Agents)
            .Select(i => new CallSpec(string.Create(CultureInfo.InvariantCulture, $"555{i:0000}"), string.Create(CultureInfo.InvariantCulture, $"1{i:0000}"), null, null))
            .ToImmutableArray();
        var made = await control.ResetAsync(new WorldSpec(plan.Seed, users, calls), cancellationToken);
        var byNumber = made.ToDictionary(c => c.CallingNumber, c => c.Id, StringComparer.Ordinal);
        return (users, calls.Select((c, i) => (byNumber[c.CallingNumber], i < shared ? (int?)null : i - shared)).ToList());
    }

    private async Task<RealWorld.Audit> PutBackAsync(IReadOnlySet<long> touched, TimeSpan lag, CancellationToken cancellationToken)
    {
        if (Real is null)
        {
            return new RealWorld.Audit([], []);
        }

        using var http = target.CreateClient();
        await Real.CleanUpAsync(new Wire.Wire(http, plan.Pace, TimeProvider.System), touched, Settle, cancellationToken, Profile);
        return await Real.AuditAsync(Settle, lag, cancellationToken);
    }
}
