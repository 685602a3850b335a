using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Scenarios;

/// <summary>
/// Runs one scenario against the target from a known start: a reset world on a controllable target, the observed
/// one on a real recorder (whose touched couples are restored and whose sessions are logged out afterwards). A
/// scenario ends at its first failed check, unless that check is a known, state-neutral difference.
/// </summary>
internal sealed class ScenarioRunner(ITarget target, TimeSpan pace, RealWorld? real)
{
    /// <summary>The clock the wire measures a session's idle by (see <see cref="Commands.StepContext.NoteRefusalAsync"/>) and paces by.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Runs every step whatever the checks say (for comparing two servers step by step).</summary>
    public bool RunToTheEnd { get; init; }

    /// <summary>The world a controllable target is reset to, instead of the scenario's (a mirror of a real recorder's).</summary>
    public Func<WorldSpec, WorldSpec>? World { get; init; }

    /// <summary>How long the details may take to show a pause or resume where the kit does not move the clock (PSE-1).</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a state the details do not show yet is waited for, where longer than <see cref="Settle"/>: a lag measured before the scenarios under --settle 0 (see <see cref="Kit.ConformanceKit.MeasuresLag"/>).</summary>
    public TimeSpan? LagWait { get; init; }

    /// <summary>How long a state the details do not show yet is waited for: <see cref="LagWait"/>, at least <see cref="Settle"/>.</summary>
    public TimeSpan Waiting => LagWait is { } wait && wait > Settle ? wait : Settle;

    /// <summary>How late the details have shown a change in this run, so far (see <see cref="Commands.Settling"/>).</summary>
    public Commands.DetailsLag Lag { get; } = new();

    /// <summary>Wrong passwords went to a real recorder's accounts in earlier scenarios: a lockout may still hold.</summary>
    public bool LockoutCarriesOver { get; init; }

    /// <summary>
    /// SES-3: the first login answer's gist any scenario of this runner saw, or the observation's on a real recorder; a
    /// logout in a scenario without a login compares with it.
    /// </summary>
    public string? LoginGistSeen { get; private set; } = real?.LoginGist;

    /// <summary>Accounts of a real recorder that could log in at the start of the run and cannot now (see <see cref="RealWorld.RefusedNowAsync"/>).</summary>
    public HashSet<string> RefusedNow { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// While set, the answers of each scenario's last run on a real recorder are kept (<see cref="Wire.Recording"/>) for
    /// <see cref="PredictAsync"/>; setting it again forgets them. On while a failure is judged: a recorder in use changes,
    /// so a recording is not kept longer than the replays of one failure.
    /// </summary>
    public bool Records
    {
        get => records is not null;
        set => records = value ? new Dictionary<Scenario, Wire.Recording>(ReferenceEqualityComparer.Instance) : null;
    }

    private Dictionary<Scenario, Wire.Recording>? records;

    public async Task<RunOutcome> RunAsync(Scenario scenario, KitProfile profile, RuleLedger? ledger, IReadOnlySet<string>? tolerated, CancellationToken cancellationToken)
    {
        var reads = ProfileReads.Begin();
        using var http = target.CreateClient();
        var wire = new Wire.Wire(http, pace, Clock) { Control = target.Control, KeepsAnswers = records is not null && real is not null };
        var couples = target.Control is { } control
            ? await control.ResetAsync(World?.Invoke(scenario.World) ?? scenario.World, cancellationToken)
            : await real!.CouplesNowAsync(Waiting, cancellationToken);
        var memory = new RunMemory();
        // On a real recorder a couple someone holds now is paused and resumed by no scenario (RealWorld.Held).
        var pausable = real is null ? null : real.Pausable.Except(real.Held(couples)).ToHashSet();
        RunOutcome? outcome = null;
        try
        {
            return outcome = await StepsAsync(scenario, profile, ledger, tolerated, wire, couples, pausable, memory, reads, cancellationToken);
        }
        finally
        {
            LoginGistSeen ??= memory.LoginGist;
            if (real is not null)
            {
                // The scenario's own answers, not the clean-up's: a replay that goes further than this run must go to the recorder.
                if (records is not null && outcome is { Fault: null })
                {
                    records[scenario] = new Wire.Recording([.. wire.Answered], couples, pausable);
                }

                await real.CleanUpAsync(wire, memory.Touched, Waiting, CancellationToken.None, profile); // even when interrupted: put back what was paused
            }
        }
    }

    /// <summary>
    /// How the scenario ends under <paramref name="profile"/>, told from the answers of its last run on the real recorder
    /// (<see cref="Records"/>) without sending a request: null where none was kept, or where this run would send a request
    /// that one did not (the model expects otherwise on the way, a wait for the details to show a change that reads on
    /// where that run stopped or stops where it read on, a read of the observer's), which only the recorder can answer.
    /// </summary>
    public async Task<RunOutcome?> PredictAsync(Scenario scenario, KitProfile profile, IReadOnlySet<string>? tolerated, CancellationToken cancellationToken)
    {
        if (records?.GetValueOrDefault(scenario) is not { } recording)
        {
            return null;
        }

        var reads = ProfileReads.Begin();
        using var http = target.CreateClient();
        var wire = new Wire.Wire(http, TimeSpan.Zero, Clock) { Replaying = recording.Replay() };
        try
        {
            return await StepsAsync(scenario, profile, null, tolerated, wire, recording.Couples, recording.Pausable, new RunMemory(), reads, cancellationToken) is { Fault: null } outcome ? outcome : null;
        }
        catch (Wire.RecordingDivergedException)
        {
            return null;
        }
    }

    private async Task<RunOutcome> StepsAsync(
        Scenario scenario, KitProfile profile, RuleLedger? ledger, IReadOnlySet<string>? tolerated, Wire.Wire wire, IReadOnlyList<ModelCouple> couples, IReadOnlySet<long>? pausable, RunMemory memory, ProfileReads reads, CancellationToken cancellationToken)
    {
        // A replay from a recording sends the observer no request either: its answers are not in the recording.
        var replaying = wire.Replaying is not null;
        (string, Func<long, CancellationToken, Task<bool?>>)? observerLists = real?.ObserverLogin is not { } observer ? null
            : replaying ? (observer, (_, _) => throw new Wire.RecordingDivergedException()) : (observer, real.ListedNowAsync);
        Func<CancellationToken, Task<IReadOnlyDictionary<long, long>?>>? callsNowAsync = real?.ObserverLogin is null ? null
            : replaying ? _ => throw new Wire.RecordingDivergedException() : real.CallsNowAsync;
        var context = new StepContext(wire, target, memory, pausable) { Model = ModelState.Start(scenario.World.Users, couples, profile), Settle = Settle, Waiting = Waiting, Lag = Lag, AsksToTell = !RunToTheEnd, LockoutCarriesOver = LockoutCarriesOver, RefusedNow = RefusedNow, LoginGistSeen = LoginGistSeen, Observer = observerLists, CallsNowAsync = callsNowAsync };
        var trace = new List<string>();
        try
        {
            for (var i = 0; i < scenario.Steps.Length; i++)
            {
                var sent = wire.Transcript.Count;
                var result = await scenario.Steps[i].RunAsync(context, cancellationToken);
                trace.Add(result.Description);
                var checks = result.Checks.Concat(await Invariants.AfterStepAsync(context, result, wire.Transcript.Skip(sent), cancellationToken)).ToList();
                foreach (var check in checks)
                {
                    ledger?.Record(check);
                }

                if (!RunToTheEnd && checks.FirstOrDefault(c => !c.Passed && !(c.Neutral && tolerated?.Contains(RuleLedger.Signature(c)) == true)) is { } failed)
                {
                    var broken = await WithoutAnySessionAsync(wire, failed, cancellationToken);
                    // A copy: the clean-up after it is no part of the failure. The failing step's own request is the first it sent.
                    return new RunOutcome(trace, [.. wire.Transcript], broken, i) { FailingExchange = ReferenceEquals(broken, failed) ? sent : null, SettingsRead = reads.Snapshot() };
                }

                context.Model = result.Model.Answered(wire.Transcript.Skip(sent), wire.SessionOf);
            }

            return new RunOutcome(trace, [.. wire.Transcript], null, -1) { SettingsRead = reads.Snapshot() };
        }
        catch (Wire.StepFaultException e)
        {
            // The request may or may not have taken effect and the model cannot know which: nothing after it is judged.
            trace.Add($"met a fault: {e.Fault}");
            return new RunOutcome(trace, [.. wire.Transcript], null, trace.Count - 1) { Fault = e.Fault, SettingsRead = reads.Snapshot() };
        }
    }

    /// <summary>
    /// A request answered as if its session were logged in, though the rule that logged it out says otherwise, may
    /// instead come from a server that checks no session at all: a list sent without any session (kept out of the
    /// transcript, as the scenario ends here) tells the two apart, so the failure names LST-2 rather than SES-x.
    /// </summary>
    private static async Task<Check> WithoutAnySessionAsync(Wire.Wire wire, Check failed, CancellationToken cancellationToken)
    {
        if (failed.Rule is not ("SES-1" or "SES-2" or "SES-4" or "SES-5" or "SES-6") || failed.Expected != "403" || !failed.Actual.StartsWith('2'))
        {
            return failed;
        }

        var slot = wire.Transcript.LastOrDefault(e => e.Script is null)?.Slot ?? 0;
        var bare = await wire.SendAsync(slot, HttpMethod.Get, "callrec/restful/couples.xml", withSession: false, record: false, cancellationToken: cancellationToken);
        return bare.Status is >= 200 and < 300
            ? Check.That("LST-2", false, "a list without any session is refused", "403", bare.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : failed;
    }
}
