using System.Globalization;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Concurrency;

/// <summary>
/// Concurrent agents against one target: each logs in with its own session and pauses, resumes and reads couples,
/// some shared by every agent and some its own, while the run records when each operation was sent and answered.
/// Then each couple's history is checked for an order consistent with real time (<see cref="HistoryCheck"/>); on the
/// simulator, against the pause history it recorded too. On a real recorder only the allowed couples are touched,
/// at the pace given, and every one is put back as it was found, which a final audit proves.
/// </summary>
internal sealed partial class AgentsRun(ITarget target, AgentsPlan plan, TextWriter progress)
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
            var found = new List<(IReadOnlyList<AgentCouple> Prepared, IReadOnlyList<long> Ended)>();
            foreach (var agent in agents)
            {
                found.Add(await agent.PrepareAsync(couples.Where(c => c.Owner is null || c.Owner == agent.Index).Select(c => (c.Id, c.Owner is null)).ToList(), cancellationToken));
            }

            // A couple that ended since the run began (a test call hung up) is a legal event: left out, and said so.
            var ended = found.SelectMany(f => f.Ended).ToHashSet();
            if (ended.Count > 0)
            {
                await progress.WriteLineAsync($"  couple(s) {string.Join(", ", ended.Order())} ended since the run began (the list no longer holds them): left out");
                unreadable.AddRange(ended.Order().Select(id => CoupleVerdict.Unchecked(id, true, 0, 0, $"couple {id} ended before the agents started: the list no longer held it (LST-1), and a call that ends is a legal event")));
                couples = [.. couples.Where(c => !ended.Contains(c.Id))];
                if (couples.Count == 0)
                {
                    foreach (var agent in agents)
                    {
                        await agent.LogoutAsync(cancellationToken); // a recorder that keeps a user's first session would lock the next run out
                    }

                    return new AgentsResult(target.Description, planned, TimeSpan.Zero, unreadable, 0, 0, []);
                }
            }

            var prepared = found.Select(f => (IReadOnlyList<AgentCouple>)[.. f.Prepared.Where(c => !ended.Contains(c.Id))]).ToList();

            var owners = couples.ToDictionary(c => c.Id, c => c.Owner ?? 0);
            Task<Operation> RunOn(long id, OperationKind kind, CancellationToken token) =>
                agents[owners[id]].RunAsync(Interlocked.Increment(ref ids), prepared[owners[id]].First(c => c.Id == id), kind, token);

            // On a target whose clock the kit does not move, details may lag (PSE-1 does not say how soon they show a pause):
            // the lag is measured first, on couples nobody has just changed, and the simulator's pause histories taken after
            // it, so that its own pause and resume are no part of what the agents are held to.
            // --settle 0 says the details never lag; the lag is measured all the same, as under the default --settle: were
            // the final reads judged at once on a recorder whose details do lag, pauses taken would be called lost.
            var lagAllowed = target.Clock == ClockKind.Virtual ? TimeSpan.Zero : Settle;
            var measuring = target.Clock == ClockKind.Virtual ? TimeSpan.Zero : DetailsLag.Waiting(lagAllowed);
            var (measured, notMeasured) = measuring <= TimeSpan.Zero ? (null, null) : await MeasureLagAsync(couples, RunOn, measuring, cancellationToken);
            var before = measuring > TimeSpan.Zero && target.Control is { } beforeControl ? await beforeControl.PauseHistoriesAsync(cancellationToken) : null;

            // The final reads wait as long as --settle allows; under --settle 0, as the default --settle does, or longer for a
            // longer lag measured: a pause is called lost only after that wait, whatever --settle says (a lag under load
            // may be longer than one measured at rest, or none was measured). A lag itself stays judged against --settle, a
            // difference on PSE-1's timing.
            var settling = target.Clock == ClockKind.Virtual || lagAllowed > TimeSpan.Zero ? lagAllowed
                : measured is { Lags.Longest: var seen } ? DetailsLag.WaitingFor(seen) : DetailsLag.DefaultSettle;

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

            // Under pauseScope=call a couple's last state is what the last pause or resume of its whole call wrote: a couple
            // whose own last write it shows may still be waiting for its call-mate's later one to show (details that lag),
            // and one judged against its call's history must be read again until that shows, as any other.
            var wholeCall = Profile?.PausesWholeCall == true;
            var callOf = prepared.SelectMany(p => p).GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First().CallId);
            List<long> SiblingsOf(long id) => [.. couples.Select(c => c.Id).Where(other => other != id && callOf[other] == callOf[id])];

            // The couple's own operations with the pauses and resumes of the other couples of its call, in order.
            List<Operation> CallHistory(long id) => [.. OperationsOn(id).Concat(SiblingsOf(id).SelectMany(s => OperationsOn(s).Where(o => o.Writes is not null))).OrderBy(o => o.Invoked)];

            List<Operation> Expected(long id) => wholeCall ? CallHistory(id) : OperationsOn(id);

            var rereads = settling <= TimeSpan.Zero
                ? new Dictionary<long, IReadOnlyList<Operation>>()
                : await new FinalSettling(settling, TimeProvider.System)
                {
                    WaitingLonger = (count, longer) => progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {count} couple(s) still show a state no last pause or resume wrote after {(settling == lagAllowed ? "--settle" : "the wait a pause is given before it counts as lost")} ({settling.TotalSeconds:0.###} s): reading them again for up to {longer.TotalSeconds:0.###} s more (details lag, PSE-1)")),
                }.RereadAsync(
                    [.. couples.Select(c => c.Id).Where(id => HistoryCheck.Settled(Expected(id), initial[id], final[id]) is not null)],
                    again => HistoryCheck.Settled(Expected(again.Couple), initial[again.Couple], again) is null,
                    (id, token) => RunOn(id, OperationKind.Read, token),
                    cancellationToken);

            var recorded = target.Control is { } control ? Since(before, await control.PauseHistoriesAsync(cancellationToken)) : null;
            foreach (var agent in agents)
            {
                await agent.LogoutAsync(cancellationToken);
            }

            // A lag seen past --settle (a couple that settled only in the longer wait, or the pause and resume measured
            // first) is what reads during the run may show too: their windows are worded with it.
            var settledLate = rereads.Where(r => r.Value.Count > 0 && r.Value[^1].Outcome == OperationOutcome.Done && HistoryCheck.Settled(Expected(r.Key), initial[r.Key], r.Value[^1]) is null)
                .Select(r => LagOf(Expected(r.Key), r.Value[^1])).DefaultIfEmpty(TimeSpan.Zero).Max(); // a couple that never settled measured no lag
            var lagSeen = Max(settledLate, measured?.Lags.Longest ?? TimeSpan.Zero);
            var lagWording = Max(lagSeen, lagAllowed);
            // Only a lag the run saw excuses a window, and no more of it than --settle: where the run saw every state at
            // once, a window is no lag's doing (a pause lost, and another write after it, looks the same). The measured
            // lag excuses only what it is at least, in both directions.
            var lagExcused = Min(Max(settledLate, measured?.Lags.Shortest ?? TimeSpan.Zero), lagAllowed);
            var verdicts = couples.Select(c => Verdict(c.Id, c.Owner is null, initial[c.Id], OperationsOn(c.Id), final[c.Id], rereads.GetValueOrDefault(c.Id) ?? [], recorded?.GetValueOrDefault(c.Id), (lagWording, lagExcused), lagAllowed)).ToList();

            // PSE-1 says a pause holds the recording "of that call": a recorder may pause every couple of the call
            // (pauseScope=call), and then the histories of a call's couples are one history. A couple whose own history (or
            // under pauseScope=call, its call's) does not explain its reads while the other does differs on that setting
            // (the pause's reach is not documented); it breaks nothing.
            for (var i = 0; i < verdicts.Count; i++)
            {
                var (id, owner) = couples[i];
                var siblings = SiblingsOf(id);
                var alone = verdicts[i];
                // A couple left not checked because only details up to --settle late explain its own reads (no order does
                // at once) may be explained at once by its call's history: where that history is checked, it judges.
                var lateOnly = alone is { WindowUnjudged: true, NotSettled: null };
                if (siblings.Count == 0 || (!alone.Checked && alone.NotSettled is null && !lateOnly)
                    || (!wholeCall && !lateOnly && (alone.Passed || (alone.NotSettled is null && alone.Window is null && alone.RecordMismatch is null))))
                {
                    continue;
                }

                // The couple's own reads against the pauses and resumes of every couple of its call; the other couples' reads
                // are left out: a call's couples may start in different states (a leg that joined a paused call records), and
                // a recorder may pause them one after the other, so a read of one may fall between the two and two agents'
                // pauses may reach them in opposite orders (PSE-1 says "of that call", not "at once"). Taken as one
                // state, such a faithful recorder's call had no order, and its couples' final states were judged alone: PSE-1
                // broken, where each couple took each pause within its request.
                var together = Verdict(id, owner is null, initial[id], CallHistory(id), final[id], rereads.GetValueOrDefault(id) ?? [], null, (lagWording, lagExcused), lagAllowed);
                if (lateOnly && !(together.Checked && (wholeCall || together.Passed)))
                {
                    continue;
                }

                var onItsOwn = alone.NotSettled ?? (alone.Window is not null || lateOnly ? "no order of them explains its reads at once" : alone.RecordMismatch);
                // The call's history holds its call-mates' writes too: the couple's own counts stay its own, or the
                // summary would count a call-mate's operation once for each couple of the call.
                together = together with { Operations = alone.Operations, Unknown = alone.Unknown };
                verdicts[i] = (wholeCall, together.Passed, alone.Passed && !lateOnly) switch
                {
                    (true, true, _) => together,
                    (true, false, true) => alone with
                    {
                        ByCall = $"the pauses and resumes of every couple of its call {callOf[id]} in the run ({string.Join(", ", siblings)}), taken as one state as pauseScope=call says, do not explain what its details showed, while its own do: the recorder pauses and resumes the couple alone, not the whole call (PSE-1 says a pause holds the recording \"of that call\"; whether the other couples of the call follow is not documented)",
                        WholeCall = false,
                    },
                    (true, false, false) => together,
                    // Reads that details lagging past --settle explain on the couple's own (LagExplainsWindow) say nothing of a
                    // pause's reach: the call's history, with more writes, may explain them by chance (under --settle 0 on a
                    // recorder 600 ms late that pauses couples alone, the run said it paused whole calls).
                    (false, true, _) when alone.LagExplainsWindow is null => alone with
                    {
                        NotChecked = null,
                        NotSettled = null,
                        Window = null,
                        RecordMismatch = null,
                        ByCall = $"its own pauses and resumes do not explain what its details showed ({onItsOwn}), while those of every couple of its call {callOf[id]} in the run ({string.Join(", ", siblings)}), taken as one state, do: the recorder pauses and resumes the whole call, not the couple alone (PSE-1 says a pause holds the recording \"of that call\"; whether the other couples of the call follow is not documented)",
                    },
                    _ => alone,
                };
            }

            var audit = await PutBackAsync(couples.Select(c => c.Id).ToHashSet(), lagSeen, cancellationToken, settling);
            return new AgentsResult(target.Description, planned, duration, [.. verdicts, .. unreadable], operations.Count(o => o.Outcome == OperationOutcome.Refused), operations.Count(o => o.Status >= 500), audit.Changed)
            {
                Unavailable = operations.Count(o => o.Unavailable),
                RefusedBy = RefusalGroup.Of(operations, started),
                AuditUnchecked = audit.Unchecked,
                MeasuredLag = measured,
                LagNotMeasured = notMeasured,
                Settle = lagAllowed,
                NotConcurrent = planned.Agents < 2 ? OneAgentOnly(planned) : null,
            };
        }
        catch when (Real is not null)
        {
            // The agents log out first: the clean-up logs in with one of their accounts, which a recorder that keeps a
            // user's first session (sessionsPerUser=first-wins) would refuse while an agent still held it.
            foreach (var agent in agents)
            {
                try
                {
                    await agent.LogoutAsync(CancellationToken.None);
                }
                catch (Exception e) when (e is TargetException or HttpRequestException or IOException or TaskCanceledException)
                {
                    // A logout that fails stops nothing: the put-back below must still go out.
                }
            }

            // Put back only: the command that ran the agents audits the couples where it says why the run stopped.
            await PutBackAsync(couples.Select(c => c.Id).ToHashSet(), lag: null, CancellationToken.None);
            throw;
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        List<Operation> OperationsOn(long id) => [.. operations.Where(o => o.Couple == id)];
    }

    /// <summary>The simulator's pause histories less what it recorded before the agents started (the lag measurement's pause and resume).</summary>
    /// <remarks>
    /// A couple paused when the snapshot was taken (the measurement's pause took and its resume did not) is left out: the
    /// history check starts every couple recording, and the changes after an odd prefix would pair a resume as a pause.
    /// </remarks>
    internal static IReadOnlyDictionary<long, RecordedTransitions> Since(IReadOnlyDictionary<long, RecordedTransitions>? before, IReadOnlyDictionary<long, RecordedTransitions> after) =>
        before is null ? after
        : after.Where(kv => (before.GetValueOrDefault(kv.Key)?.Count ?? 0) % 2 == 0)
            .ToDictionary(kv => kv.Key, kv => new RecordedTransitions([.. kv.Value.Logins.Skip(before.GetValueOrDefault(kv.Key)?.Count ?? 0)]));

    /// <summary>Why one agent ran where more were asked for: a user holds one session, and one account could be an agent.</summary>
    private string OneAgentOnly(AgentsPlan planned) => string.Create(
        CultureInfo.InvariantCulture,
        $"{planned.Agents} agent ran, not {plan.Agents}: sessionsPerUser={Profile?[Profiles.ProfileSettings.SessionsPerUser] ?? "one"}, a user holds one session (SES-4), and one --account with list,pause rights reaches the couples; give one such account per agent");

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
