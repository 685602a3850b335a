using System.Text.Json;
using System.Text.RegularExpressions;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Probe;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Wire;

namespace PauseResume.Conformance.Compare;

/// <summary>
/// Proves (or disproves) that a standalone simulator stands in for a real recorder: probes the recorder, sets the
/// simulator up with the recorder's accounts and calls under the probed profile, runs the same generated scenarios on
/// both and compares every answer as a client meets it: status, whether a session cookie was set, and for an answer
/// that is no refusal its content type and its XML's shape (an HTML page is a page, whatever its markup; a redirect's
/// target is not compared, as a client must not follow a login's). A refusal's body is the server's own words (a
/// servlet container's HTML error page, the simulator's line naming the rule), which no setting describes: whether it
/// has one is compared (errorBody), not its words nor its media type. A difference is shrunk to a minimal scenario that
/// still shows it, with both transcripts.
/// </summary>
internal sealed partial class Comparison(ITarget recorder, ITarget simulator, IReadOnlyList<ModelUser> accounts, IReadOnlyList<long> pausable, TimeSpan pace, TextWriter progress)
{
    private const int MaxShrinkAttempts = 200;
    private const int MaxDifferences = 5;

    public int Seed { get; init; } = 1;

    public int Runs { get; init; } = 50;

    public int Steps { get; init; } = 20;

    /// <summary>The one scenario of <see cref="Seed"/> to compare (--run: a difference replayed); null: scenarios 0 to <see cref="Runs"/> - 1.</summary>
    public int? OnlyRun { get; init; }

    /// <summary>How long details may take to show a pause or resume (--settle), as the probe of the recorder waits.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the comparison may take from <see cref="StartedAt"/>, the probe included (the kit's --budget: see <see cref="RunBudget"/>).</summary>
    public TimeSpan? Budget { get; init; }

    /// <summary>When the command began (<see cref="TimeProvider.System"/>'s time stamp); by default the comparison's start.</summary>
    public long? StartedAt { get; init; }

    public async Task<ComparisonResult> RunAsync(CancellationToken cancellationToken)
    {
        var budget = new RunBudget(Budget, TimeProvider.System, StartedAt ?? TimeProvider.System.GetTimestamp());
        if (simulator.Control is not { } control)
        {
            throw new TargetException($"{simulator.Description} has no simulator control API: --compare needs a standalone simulator");
        }

        var observed = new ObservedTarget(recorder);
        var probe = await new Prober(observed, accounts, pausable, pace) { Settle = Settle, Progress = progress }.ProbeAsync(cancellationToken);
        using var probed = JsonDocument.Parse(probe.Json);
        var profile = ProfileJson.Read(probed.RootElement);
        control.ServerProfile = ProfileJson.Write(profile);
        var notes = new List<string>();
        var (real, onRecorder, onSimulator) = await MirrorAsync(observed, cancellationToken);
        var unknown = real.Couples.Count(c => !c.Known);
        if (unknown > 0)
        {
            notes.Add($"{unknown} couple(s) in progress could not be read (no account may see their details), so the simulator's copy has placeholder numbers for them");
        }

        var (first, end) = OnlyRun is { } only ? (only, only + 1) : (0, Runs);
        progress.WriteLine($"Comparing {recorder.Description} with {simulator.Description} under the probed profile ({string.Join(", ", profile.DifferencesFrom(KitProfile.Default).Select(d => $"{d.Setting}={d.Value}").DefaultIfEmpty("the defaults"))}): {(OnlyRun is null ? $"{Runs} scenario(s)" : $"scenario {OnlyRun}")}, seed {Seed}");
        // Pauses are not compared: the simulator's copy of a couple is not the recorder's, and a comparison changes nothing.
        var can = new Capabilities(false, false, false);
        if (pausable.Count > 0)
        {
            notes.Add("pauses and resumes are not compared (the comparison only reads); --allow-pause was used for the probe only");
        }

        var differences = new List<AnswerDifference>();
        var faults = new List<ComparedFault>();
        var requests = 0;
        var resets = 0;
        var run = first;
        for (; run < end && differences.Count < MaxDifferences && budget.AllowsAnother(); run++)
        {
            var scenario = ScenarioGen.Sample(ScenarioGen.Scenario(can, real.World, Steps), Seed, run, Steps);
            var began = budget.Begin();
            var (difference, sent, fault) = await CompareAsync(onRecorder, onSimulator, scenario, profile, cancellationToken);
            if (difference is not null && await DriftedAsync(real, cancellationToken))
            {
                // Calls start and end on a recorder in use (LST-1): a list that holds a call the simulator's copy does not is
                // no difference of behaviour. The copy is made again and the scenario compared once more.
                progress.WriteLine($"  scenario {run}: the recorder's calls changed since the simulator was set up; setting it up again and comparing the scenario once more");
                (real, onRecorder, onSimulator) = await MirrorAsync(observed, cancellationToken);
                resets++;
                var again = await CompareAsync(onRecorder, onSimulator, scenario, profile, cancellationToken);
                (difference, sent, fault) = (again.Difference, sent + again.Requests, again.Fault);
            }

            budget.Ran(began);
            requests += sent;
            if (fault is { } met)
            {
                faults.Add(met with { Met = met.Met with { Run = run } });
                progress.WriteLine($"  scenario {run} met a fault at step {met.Met.Step} on the {met.Side} ({met.Met.Fault}): compared only up to it");
            }

            if (difference is null || differences.Any(d => d.What == difference.What))
            {
                continue;
            }

            progress.WriteLine($"  scenario {run}: {difference.What}; shrinking…");
            differences.Add(await ShrinkAsync(onRecorder, onSimulator, scenario, difference, profile, cancellationToken) with { Run = run });
        }

        if (resets > 0)
        {
            notes.Add($"the recorder's calls changed during the comparison (a call started, ended or moved): the simulator was set up again {resets} time(s), each time a scenario's answers differed, and that scenario compared again");
        }

        if (budget.RanOut)
        {
            notes.Add(FormattableString.Invariant($"the budget of {Budget!.Value.TotalSeconds:0} s ran out after {run - first} of {end - first} scenario(s) ({budget.Elapsed.TotalSeconds:0} s since the start, the probe included; {budget.MeanScenario.TotalSeconds:0.#} s a scenario on average)"));
        }

        return new ComparisonResult(profile.Name, run - first, requests, differences, notes) { Faults = faults, NothingRun = run == first && budget.RanOut ? budget.SpentFirst() : null };
    }

    /// <summary>
    /// The recorder's world as it is now, and the runners of both sides: the simulator is set up with its calls, in id
    /// order, as the model indexes couples, so a step means the same couple on both sides, and each couple in the call the
    /// recorder lists it in (its call id), so the couples of a transfer or conference are one call on both sides
    /// (filterScope=call, maskScope=call and pauseScope=call reach them all).
    /// </summary>
    private async Task<(RealWorld Real, ScenarioRunner OnRecorder, ScenarioRunner OnSimulator)> MirrorAsync(ITarget observed, CancellationToken cancellationToken)
    {
        var real = await RealWorld.ObserveAsync(observed, accounts, pausable, pausable.Count > 0, pace, cancellationToken, progress: progress);
        var mirror = real.Couples.OrderBy(c => c.Id).Select(c => new CallSpec(c.Known ? c.CallingNumber : "0", c.Known ? c.CalledNumber : "0", c.CallingIp, c.CalledIp, c.CallId)).ToList();
        return (real, new ScenarioRunner(observed, pace, real) { RunToTheEnd = true }, new ScenarioRunner(simulator, TimeSpan.Zero, null) { RunToTheEnd = true, World = world => world with { Calls = [.. mirror] } });
    }

    /// <summary>Whether the couples the recorder lists now, or their calls, are not those the simulator was set up with; false where the list could not be read.</summary>
    private static async Task<bool> DriftedAsync(RealWorld real, CancellationToken cancellationToken) =>
        await real.CallsNowAsync(cancellationToken) is { } now
        && (now.Count != real.Couples.Count || real.Couples.Any(c => !now.TryGetValue(c.Id, out var call) || call != c.CallId));

    /// <summary>
    /// Compares the two transcripts request by request. A step a fault met (a 502, 503 or 504, a simulator fault, a cut
    /// answer, a timeout) is left out of its transcript and says nothing of either server, and the steps after it may
    /// have started from another state: the comparison stops before the first such request on either side.
    /// </summary>
    private static async Task<(AnswerDifference? Difference, int Requests, ComparedFault? Fault)> CompareAsync(ScenarioRunner onRecorder, ScenarioRunner onSimulator, Scenario scenario, KitProfile profile, CancellationToken cancellationToken)
    {
        var left = await onRecorder.RunAsync(scenario, profile, null, null, cancellationToken);
        var right = await onSimulator.RunAsync(scenario, profile, null, null, cancellationToken);
        var a = left.Transcript.Where(e => e.Script is null).ToList();
        var b = right.Transcript.Where(e => e.Script is null).ToList();
        var fault = (left.Fault, right.Fault) switch
        {
            (null, null) => null,
            (not null, not null) when right.FailingStep < left.FailingStep => Met("simulator", right),
            (not null, _) => Met("recorder", left),
            _ => Met("simulator", right),
        };
        if (FirstDifference(a, b, left.Fault is not null, right.Fault is not null) is not var (i, j))
        {
            return (null, a.Count + b.Count, fault);
        }

        var onLeft = i < a.Count ? Describe(a[i]) : "no request";
        var onRight = j < b.Count ? Describe(b[j]) : "no request";
        var what = i < a.Count ? $"{a[i].Method} {Ids().Replace(a[i].PathAndQuery, "#")}" : "the scenario";
        var beyond = i < a.Count && j < b.Count && Describe(a[i] with { Body = string.Empty }) == Describe(b[j] with { Body = string.Empty }) ? Wire.Documents.ElementsBeyond(a[i].Body, b[j].Body) : null;
        return (new AnswerDifference($"{what} is answered differently", onLeft, onRight, scenario, Lines(a, i), Lines(b, j), 0) { ElementsOnlyTheRecorderHas = beyond }, a.Count + b.Count, null);
    }

    /// <summary>
    /// Where the recorder's transcript (<paramref name="a"/>) and the simulator's (<paramref name="b"/>) first answer
    /// alike requests differently, or one side has a request the other lacks; null where they agree up to the side a fault
    /// stopped. A read the recorder's side sent where the simulator's did not is a check the kit makes on a real recorder
    /// alone (a list tells whether a couple refused 404 ended; the simulator's control API tells it there), not a request
    /// of the scenario's: passed over, where the next request of the scenario follows it. The simulator's side sends no
    /// such read, so one there only is compared.
    /// </summary>
    internal static (int Left, int Right)? FirstDifference(List<Exchange> a, List<Exchange> b, bool leftStopped, bool rightStopped)
    {
        for (int i = 0, j = 0; i < a.Count || j < b.Count;)
        {
            if ((i == a.Count && leftStopped) || (j == b.Count && rightStopped))
            {
                return null; // the side a fault stopped has nothing more to compare
            }

            if (Extra(a, i, b, j) is { } onlyLeft)
            {
                i += onlyLeft;
                continue;
            }

            if ((i < a.Count ? Describe(a[i]) : "no request") != (j < b.Count ? Describe(b[j]) : "no request"))
            {
                return (i, j);
            }

            i++;
            j++;
        }

        return null;
    }

    /// <summary>
    /// How many GETs from <paramref name="i"/> on, sent to other paths than the other side's next request, come before a
    /// request the other side's next one matches (or the end, where the other side has none left); null where none do.
    /// </summary>
    private static int? Extra(List<Exchange> side, int i, List<Exchange> other, int j)
    {
        const int MostChecks = 3;
        for (var k = 0; k < MostChecks && i + k < side.Count && side[i + k].Method == "GET" && (j == other.Count || !Same(side[i + k], other[j])); k++)
        {
            if (i + k + 1 == side.Count ? j == other.Count : j < other.Count && Same(side[i + k + 1], other[j]))
            {
                return k + 1;
            }
        }

        return null;
    }

    /// <summary>The same request of a scenario: from the same slot, with the same method, to the same path up to couple ids.</summary>
    private static bool Same(Exchange left, Exchange right) =>
        left.Slot == right.Slot && left.Method == right.Method && Ids().Replace(left.PathAndQuery, "#") == Ids().Replace(right.PathAndQuery, "#");

    private static ComparedFault Met(string side, RunOutcome outcome) => new(side, new Kit.FaultMet(0, outcome.FailingStep + 1, outcome.Fault!));

    private static async Task<AnswerDifference> ShrinkAsync(ScenarioRunner onRecorder, ScenarioRunner onSimulator, Scenario scenario, AnswerDifference difference, KitProfile profile, CancellationToken cancellationToken)
    {
        var attempts = 0;
        for (var improved = true; improved && attempts < MaxShrinkAttempts;)
        {
            improved = false;
            foreach (var candidate in scenario.Shrink().Where(c => c.World.Calls.Length == scenario.World.Calls.Length))
            {
                if (++attempts > MaxShrinkAttempts)
                {
                    break;
                }

                if ((await CompareAsync(onRecorder, onSimulator, candidate, profile, cancellationToken)).Difference is { } still && still.What == difference.What)
                {
                    (scenario, difference, improved) = (candidate, still, true);
                    break;
                }
            }
        }

        return difference;
    }

    /// <summary>
    /// What must be the same on both: the request (ids aside), the answer's status and cookie, and unless it is a refusal
    /// its type and shape. An independent recorder whose login page and error pages were HTML of its own (one that is
    /// no XML, one with another element) differed on every login, logout and unknown path, which no setting could change.
    /// An answer without a body has no type a client reads: a login redirected with text/html and none was no difference.
    /// </summary>
    internal static string Describe(Exchange e)
    {
        var answer = e.Status >= 400 || e.Body.Length == 0 ? (e.Body.Length == 0 ? ", no body" : ", a body")
            : $" {e.ContentType ?? "no content type"}, {(e.Body.Length > 0 && string.Equals(e.ContentType, "text/html", StringComparison.OrdinalIgnoreCase) ? "an HTML page" : Wire.Documents.Shape(e.Body))}";
        return $"{e.Method} {Ids().Replace(e.PathAndQuery, "#")} → {e.Status}{(Wire.Wire.SetCookieSession(e) is null ? string.Empty : ", sets a session")}{answer}";
    }

    private static List<string> Lines(List<Exchange> transcript, int upTo) =>
        transcript.Take(upTo + 1).Select((e, i) => $"{i + 1}. {ModelSlot.Name(e.Slot)}: {e.Method} {e.PathAndQuery} → {e.Status} {Short(e.Body)}").ToList();

    private static string Short(string body) => body.Length <= 160 ? body.ReplaceLineEndings(" ") : body[..160].ReplaceLineEndings(" ") + "…";

    [GeneratedRegex("[0-9]{3,}")]
    private static partial Regex Ids();
}
