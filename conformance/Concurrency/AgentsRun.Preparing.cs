using System.Collections.Immutable;
using System.Globalization;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Concurrency;

/// <summary>What a run of agents does before the agents start and after they end: the accounts and couples, the lag measured, the put-back.</summary>
internal sealed partial class AgentsRun
{
    /// <summary>
    /// How late the details show a pause and a resume (<see cref="LagMeasurement"/>), measured before the agents start on
    /// the first couple that reads recording, one found recording and a shared one first; the clean-up puts it back as
    /// found with the others. Null, and why, when no couple could be measured: the windows are then judged with what the
    /// final reads saw.
    /// </summary>
    private async Task<((long Couple, LagMeasurement.Lags Lags)? Measured, string? Why)> MeasureLagAsync(
        IReadOnlyList<(long Id, int? Owner)> couples, Func<long, OperationKind, CancellationToken, Task<Operation>> run, TimeSpan settle, CancellationToken cancellationToken)
    {
        string? why = null;
        // A couple found recording first: its measurement is a pause and a resume. One that reads paused is never touched
        // (resuming it might record what someone paused it for, card details read out), and the next is tried.
        var foundPaused = Real?.Couples.Where(c => c.Paused).Select(c => c.Id).ToHashSet() ?? [];
        foreach (var (id, _) in couples.OrderBy(c => foundPaused.Contains(c.Id) ? 1 : 0).ThenBy(c => c.Owner is null ? 0 : 1))
        {
            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  measuring how late the details show a pause and a resume: couple {id} set to the other state and back (PSE-1)"));
            var outcome = await new LagMeasurement(settle, TimeProvider.System).MeasureAsync((kind, token) => run(id, kind, token), cancellationToken);
            if (outcome.Lags is { } lags)
            {
                return ((id, lags), null);
            }

            why = $"couple {id}: {outcome.Why}";
            if (!outcome.NoState)
            {
                break;
            }
        }

        return (null, why);
    }

    /// <summary>The agents' accounts and couples: made on the simulator, taken from the allow-list on a real recorder.</summary>
    private async Task<(IReadOnlyList<ModelUser> Users, IReadOnlyList<(long Id, int? Owner)> Couples)> SetUpAsync(CancellationToken cancellationToken)
    {
        if (Real is not null)
        {
            // An account whose phone masks match neither number of an allowed couple (nor, under maskScope=call, of another
            // couple of its call) cannot reach it (LST-5, DET-2), so it is no agent: a run with every kind of account given
            // must not stop at it.
            var byCall = Profile?.MasksByCall == true;
            var side = Profile?.MaskSide ?? "either";
            var pausers = Accounts.Where(a => a.CallList && a.PauseAndResume
                && Real.Pausable.All(id => Real.Couples.FirstOrDefault(c => c.Id == id) is not { Known: true } couple || a.MaySee(couple, side)
                    || (byCall && Real.Couples.Any(o => o.Known && o.CallId == couple.CallId && a.MaySee(o, side))))).ToList();
            if (pausers.Count == 0 || (Real.Pausable.Count == 0 && Real.Unreadable.Count == 0))
            {
                throw new TargetException("--agents on a real recorder needs an --account with list,pause rights whose phone masks reach every --couple, --allow-pause and at least one --couple in progress");
            }

            // A couple someone holds now is never given to the agents (RealWorld.Held): they resume as often as they pause.
            var held = Real.Held(await Real.CouplesNowAsync(Settle, cancellationToken)).Order().ToList();
            if (held.Count > 0)
            {
                await progress.WriteLineAsync($"  left to whoever holds it: couple(s) {string.Join(", ", held)} read paused, or share a call with one that does; the agents pause and resume the others only");
            }

            var free = Real.Pausable.Except(held).Order().ToList();
            if (free.Count == 0 && Real.Pausable.Count > 0)
            {
                throw new TargetException($"every --couple reads paused or shares a call with one that does ({string.Join(", ", held)}): someone holds those calls, and the agents, who resume as often as they pause, would undo the hold; run again when one is recording");
            }

            // On a real recorder every allowed couple is shared: there are few, and each agent may touch them all.
            return (pausers, free.Select(id => (id, (int?)null)).ToList());
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

    /// <summary>Puts every couple back as found, then audits them with the lag the run measured (none when <paramref name="lag"/> is null).</summary>
    private async Task<RealWorld.Audit> PutBackAsync(IReadOnlySet<long> touched, TimeSpan? lag, CancellationToken cancellationToken, TimeSpan? settling = null)
    {
        var settle = settling is { } longer && longer > Settle ? longer : Settle;
        if (Real is null)
        {
            return new RealWorld.Audit([], []);
        }

        using (var http = target.CreateClient())
        {
            await Real.CleanUpAsync(new Wire.Wire(http, plan.Pace, TimeProvider.System), touched, settle, cancellationToken, Profile, inOrder: false);
        }

        return lag is { } measured ? await Real.AuditAsync(settle, measured, cancellationToken, Profile) : new RealWorld.Audit([], []);
    }
}
