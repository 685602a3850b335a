using System.Collections.Concurrent;
using System.Net;
using System.Xml.Linq;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Hosting;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// PSE-1 documents that a pause is taken, not how soon the details show it: on a real recorder the kit reads the
/// details again for a while before it calls a pause not taken.
/// </summary>
[Collection(Support.RealTimeLags.Name)]
public sealed class DetailsLagTests
{
    private static readonly ModelUser[] Accounts = [new("admin", "admin", true, true, []), new("guest", "guest", false, false, [])];

    /// <summary>The first details read after each pause or resume still shows the state from before it (no clock involved).</summary>
    private static Rewriting ShowsTheOldStateOnce(FakeRecorder recorder, HttpMessageHandler inner, ConcurrentDictionary<long, bool> stale) => new Rewriting(async (request, send) =>
    {
        var segments = request.RequestUri!.AbsolutePath.Split('/');
        if (Rewriting.IsPausedState(request) && long.TryParse(segments[^2], out var paused) && recorder.Recorder.Find(paused) is { } before)
        {
            var response = await send(request);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                stale[paused] = before.Paused;
            }

            return response;
        }

        return request.Method == HttpMethod.Get && long.TryParse(segments[^1], out var id) && stale.TryRemove(id, out var old)
            ? await Rewriting.WithXml(await send(request), root => root.Elements("paused").Single().Value = old ? "true" : "false")
            : await send(request);
    }) { InnerHandler = inner };

    /// <summary>
    /// PSE-1: --settle is the lag a run allows. A pause or resume the details show a read later, within it, passes, and
    /// the verdict says how late the details were (before, any lag was a difference, so a recorder whose details lag a
    /// little could never pass, whatever --settle it was run with).
    /// </summary>
    [Fact]
    public async Task A_pause_the_details_show_one_read_late_within_settle_passes_with_a_word_on_the_lag()
    {
        // Arrange: the simulator observed only, as a real recorder, whose details lag one read behind each pause
        var stale = new ConcurrentDictionary<long, bool>();
        await using var inner = new InProcessTarget((recorder, handler) => ShowsTheOldStateOnce(recorder, handler, stale));
        var couples = await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "10022", "10.0.0.6", "10.0.1.22")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [.. couples.Select(c => c.Id)], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, KitProfile.Default, TextWriter.Null) { Seed = 4, Runs = 40, Real = real }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var explain = string.Join("\n", result.Failures.Select(f => $"{f.Check.Rule}: {f.Check.What} ({f.Check.Actual})\n  {string.Join("\n  ", f.Trace)}"));
        result.Failures.ShouldBeEmpty($"PSE-1: a pause that shows a moment later, within --settle, was taken\n{explain}");
        var pse1 = result.Rules.Single(r => r.Rule.Id == "PSE-1");
        pse1.Status.ShouldBe(RuleStatus.Passed, explain);
        pse1.Detail.ShouldContain("the details showed a pause or resume up to ");
        pse1.Detail.ShouldContain("within --settle, 2 s, it passes");
        result.ExitCode(requireAllChecked: false).ShouldBe(KitResult.ExitConformant);
        result.AuditProblems.ShouldBeEmpty("every couple is put back as found");
    }

    /// <summary>
    /// A setting that explains a failure is still found when, under it, the scenario goes on to a pause whose details
    /// show it a moment late (a timing difference, no setting's business, not yet reported): on a stand-in whose logins
    /// read the query and whose details lag, the kit named three settings for one, two of them wrong.
    /// </summary>
    [Fact]
    public async Task A_setting_is_found_when_under_it_the_scenario_meets_only_the_details_lag()
    {
        // Arrange: logins read the query string (loginParameters=form-and-query), and details lag one read behind
        var stale = new ConcurrentDictionary<long, bool>();
        await using var inner = new InProcessTarget((recorder, handler) => ShowsTheOldStateOnce(recorder, handler, stale));
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.LoginParameters, "form-and-query").Profile! with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [.. couples.Select(c => c.Id)], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var scenario = new Scenario(real.World, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true, InQuery: true), new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false)]);
        var runner = new ScenarioRunner(recorder, TimeSpan.Zero, real) { Settle = TimeSpan.FromSeconds(1) };
        var tolerated = new HashSet<string>(StringComparer.Ordinal);
        var outcome = await runner.RunAsync(scenario, KitProfile.Default, null, tolerated, TestContext.Current.CancellationToken);

        // Act
        var (profile, changes, _) = await new Diagnosis(runner, tolerated).ExplainAsync(scenario, outcome, KitProfile.Default, (scenario, outcome), [], TestContext.Current.CancellationToken);

        // Assert
        outcome.Broken.ShouldNotBeNull("SES-1: under the default profile a login by the query string does not log in");
        profile.ShouldNotBeNull(string.Join("\n", outcome.Trace));
        changes.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe(["loginParameters=form-and-query"], string.Join("\n", outcome.Trace));
        (await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken)).ShouldAllBe(c => !c.Paused, "every replay's pause was put back");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public async Task A_couple_put_back_on_a_recorder_whose_details_lag_is_not_read_as_found_in_its_old_state(int seed)
    {
        // Arrange: details one read behind each pause and resume, the clean-up's put-backs included
        var stale = new ConcurrentDictionary<long, bool>();
        await using var inner = new InProcessTarget((recorder, handler) => ShowsTheOldStateOnce(recorder, handler, stale));
        var couples = await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "10022", "10.0.0.6", "10.0.1.22")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [.. couples.Select(c => c.Id)], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, KitProfile.Default, TextWriter.Null) { Seed = seed, Runs = 40, Real = real }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.AuditProblems.ShouldBeEmpty("PSE-1: a put-back the details show one read late is no state someone else set; every couple ends as found");
        real.Notes.ShouldBeEmpty("PSE-1: only the kit paused and resumed these couples");
        result.Broken.ShouldBeEmpty("PSE-1: a pause that shows a moment later was taken");
    }

    /// <summary>
    /// PSE-1 documents that a pause is taken, not how soon it shows: a recorder that hands each pause to its recording
    /// engine and shows it in the details later than --settle keeps PSE-1 (a recorder's details 3 s late
    /// against the default 2 s were called "PSE-1 broken").
    /// </summary>
    [Fact]
    public async Task A_pause_the_details_show_later_than_settle_differs_and_says_to_raise_it()
    {
        // Arrange: details that show a pause or resume 0.6 s late, read with --settle 0.2 s
        var changed = new ConcurrentDictionary<long, (bool Old, long At)>();
        await using var inner = new InProcessTarget((recorder, handler) => ShowsTheOldStateFor(recorder, handler, TimeSpan.FromMilliseconds(600), changed));
        var (recorder, real) = await OneCoupleObservedAsync(inner);

        var progress = new StringWriter();

        // Act
        var result = await new ConformanceKit(recorder, KitProfile.Default, progress) { Seed = 4, Runs = 3, Real = real, Settle = TimeSpan.FromMilliseconds(200) }
            .RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var explain = string.Join("\n", result.Failures.Select(f => $"{f.Check.Rule}: {f.Check.What} ({f.Check.Actual})\n  {string.Join("\n  ", f.Trace)}"));
        result.Broken.ShouldBeEmpty($"PSE-1: a pause that shows 0.6 s later was taken\n{explain}");
        result.Failures.ShouldContain(f => f.Check.Rule == "PSE-1" && f.Check.Timing && f.Check.Actual.Contains("details lag, later than --settle 0.2 s allows; run with --settle ", StringComparison.Ordinal), explain);
        result.Failures.ShouldNotContain(f => f.Check.What.Contains("later than", StringComparison.Ordinal), $"the step's words say what was checked, the actual how late it was\n{explain}");
        var lag = result.Failures.First(f => f.Check.Timing);
        lag.Scenario.Steps.Length.ShouldBe(lag.FailingStep + 1, $"a lag is not shrunk: its scenario runs up to the step that met it\n{explain}");
        progress.ToString().ShouldContain("a lag is the server's timing, not the steps' doing: kept at the", Case.Sensitive);
        progress.ToString().ShouldNotContain("shrunk to", Case.Sensitive);
        progress.ToString().ShouldContain("inferred rule PSE-1 differs on its timing, which no setting value describes", Case.Sensitive);
        progress.ToString().ShouldNotContain("no setting value a run tries matches", Case.Sensitive, "no value is tried for a timing");
        result.AuditUnchecked.ShouldBeEmpty("PSE-1: the reads before a scenario and the final audit wait for the lag the run measured, as its checks do");
        result.AuditProblems.ShouldBeEmpty();
    }

    /// <summary>
    /// PSE-1: --settle 0 allows no lag; the command line's run measures the lag once before the scenarios, and one found
    /// is waited for by the checks, the reads between scenarios, the clean-ups and the final audit, so details 0.6 s late
    /// differ on PSE-1's timing and name the --settle to use. Without the wait the first late read was a PSE-1 failure
    /// that replays, timed otherwise, did not meet again (not checked), and every clean-up's own late put-back an AUDIT
    /// NOTE saying someone else had changed the couple (an independent recorder 600 ms late, exit 0).
    /// </summary>
    [Fact]
    public async Task A_pause_the_details_show_late_under_settle_0_differs_and_no_one_else_is_blamed()
    {
        // Arrange: details that show a pause or resume 0.6 s late, read with --settle 0
        var changed = new ConcurrentDictionary<long, (bool Old, long At)>();
        await using var inner = new InProcessTarget((recorder, handler) => ShowsTheOldStateFor(recorder, handler, TimeSpan.FromMilliseconds(600), changed));
        var (recorder, real) = await OneCoupleObservedAsync(inner);

        // Act
        var progress = new StringWriter();
        var result = await new ConformanceKit(recorder, KitProfile.Default, progress) { Seed = 4, Runs = 3, Real = real, Settle = TimeSpan.Zero, MeasuresLag = true }
            .RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var explain = string.Join("\n", result.Failures.Select(f => $"{f.Check.Rule}: {f.Check.What} ({f.Check.Actual})")) + "\n" + string.Join("\n", result.AuditNotes) + "\n" + progress;
        progress.ToString().ShouldMatch(@"showed a pause at least [1-9][0-9]* ms and a resume at least [0-9]+ ms after they were answered, measured before the scenarios: --settle 0 allows none", explain);
        result.Broken.ShouldBeEmpty($"PSE-1: a pause that shows 0.6 s later was taken\n{explain}");
        result.Failures.ShouldContain(f => f.Check.Rule == "PSE-1" && f.Check.Timing && f.Check.Actual.Contains("details lag, later than --settle 0 s allows; run with --settle ", StringComparison.Ordinal), explain);
        result.AuditNotes.ShouldNotContain(n => n.Contains("someone else", StringComparison.Ordinal), explain);
        result.AuditProblems.ShouldBeEmpty(explain);
        result.AuditUnchecked.ShouldBeEmpty(explain);
    }

    /// <summary>
    /// PSE-1: on a recorder whose details show a pause at once, the lag measured before the scenarios under --settle 0 is
    /// none, by a pause and a resume of the allowed couple (a run of one scenario of one step pauses nothing itself), no
    /// timing differs, and the couple measured on is left as found.
    /// </summary>
    [Fact]
    public async Task Under_settle_0_details_that_do_not_lag_are_measured_so_by_a_pause_and_a_resume_put_back()
    {
        // Arrange: the simulator observed as a real recorder, its details at once, read with --settle 0
        await using var inner = new InProcessTarget();
        var (recorder, real) = await OneCoupleObservedAsync(inner);
        var progress = new StringWriter();

        // Act
        var result = await new ConformanceKit(recorder, KitProfile.Default, progress) { Seed = 4, Runs = 1, MaxRuns = 1, Steps = 1, Real = real, Settle = TimeSpan.Zero, MeasuresLag = true }
            .RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var said = progress.ToString();
        said.ShouldContain("showed a pause at least 0 ms and a resume at least 0 ms after they were answered, measured before the scenarios: no lag", Case.Sensitive, said);
        result.Failures.ShouldNotContain(f => f.Check.Timing, said);
        result.Differing.ShouldBeEmpty(said);
        result.AuditProblems.ShouldBeEmpty(said);
        (await inner.Control!.CouplesAsync(TestContext.Current.CancellationToken)).ShouldAllBe(c => !c.Paused, "the couple measured on is recording again");
        (await inner.Control.PauseHistoriesAsync(TestContext.Current.CancellationToken)).Values.ShouldContain(h => h.Count == 2, "the lag was measured on the recorder by a pause and a resume");
    }

    /// <summary>
    /// PSE-1: no lag measured under --settle 0, nothing is waited for: details that begin to lag only after the measurement
    /// are read once, so a late read is no "details lag" shown after a wait (before the measurement decided, --settle 0
    /// always waited as the default --settle, which made a mispredicting profile wait at every check).
    /// </summary>
    [Fact]
    public async Task Under_settle_0_no_lag_measured_means_no_wait()
    {
        // Arrange: details at once for the measurement's pause and resume, then 0.6 s late for every change after them
        var changed = new ConcurrentDictionary<long, (bool Old, long At)>();
        var writes = 0;
        await using var inner = new InProcessTarget((recorder, handler) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            if (Rewriting.IsPausedState(request) && response.StatusCode == HttpStatusCode.NoContent && Interlocked.Increment(ref writes) == 2)
            {
                changed.Clear(); // the measurement's changes showed at once
            }

            return response;
        }) { InnerHandler = ShowsTheOldStateFor(recorder, handler, () => Volatile.Read(ref writes) > 2 ? TimeSpan.FromMilliseconds(600) : TimeSpan.Zero, changed) });
        var (recorder, real) = await OneCoupleObservedAsync(inner);
        var progress = new StringWriter();

        // Act
        var result = await new ConformanceKit(recorder, KitProfile.Default, progress) { Seed = 4, Runs = 3, Real = real, Settle = TimeSpan.Zero, MeasuresLag = true }
            .RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var said = progress.ToString();
        said.ShouldContain("measured before the scenarios: no lag", Case.Sensitive, said);
        Volatile.Read(ref writes).ShouldBeGreaterThan(2, "the scenarios paused the couple after the measurement");
        result.Failures.ShouldNotContain(f => f.Check.Timing, $"a late read is never waited for\n{said}");
    }

    /// <summary>
    /// PSE-1: a lag measured before the scenarios under --settle 0 differs on PSE-1's timing, naming the --settle to use,
    /// whether or not a scenario meets a late read (a run of one scenario of one step meets none).
    /// </summary>
    [Fact]
    public async Task Under_settle_0_a_lag_measured_before_the_scenarios_differs_where_no_scenario_meets_it()
    {
        // Arrange: details that show a pause or resume 0.6 s late, read with --settle 0
        var changed = new ConcurrentDictionary<long, (bool Old, long At)>();
        await using var inner = new InProcessTarget((recorder, handler) => ShowsTheOldStateFor(recorder, handler, TimeSpan.FromMilliseconds(600), changed));
        var (recorder, real) = await OneCoupleObservedAsync(inner);
        var progress = new StringWriter();

        // Act
        var result = await new ConformanceKit(recorder, KitProfile.Default, progress) { Seed = 4, Runs = 1, MaxRuns = 1, Steps = 1, Real = real, Settle = TimeSpan.Zero, MeasuresLag = true }
            .RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var said = progress.ToString();
        var pse1 = result.Rules.Single(r => r.Rule.Id == "PSE-1");
        pse1.Status.ShouldBe(RuleStatus.Differs, said);
        pse1.Detail.ShouldMatch(@"later than --settle 0 allows .*; run with --settle [0-9.]+$", said);
        result.Broken.ShouldBeEmpty(said);
        result.ExitCode(requireAllChecked: false).ShouldBe(KitResult.ExitDiffers);
        result.Verdict.ShouldContain("the PSE-1 line names the --settle to run with", Case.Sensitive);
        result.AuditProblems.ShouldBeEmpty(said);
        (await inner.Control!.CouplesAsync(TestContext.Current.CancellationToken)).ShouldAllBe(c => !c.Paused, "the couple measured on is recording again");
    }

    /// <summary>
    /// PSE-1, PSE-3 (inferred): a hold put back on a lenient recorder whose details show it later than --settle took at
    /// the first place; the next place may be read as a resume (the form alone to one that reads the query, the query
    /// alone to one that reads the form, both to one that joins them), so the put-back must wait for the details as a
    /// scenario's pause does before it moves on, or it undoes the hold it restored.
    /// </summary>
    [Theory]
    [InlineData("form", "first", false)]
    [InlineData("query", "first", false)]
    [InlineData("form-and-query", "joined", true)]
    [InlineData("form-and-query", "joined", false)]
    public async Task A_hold_put_back_that_shows_later_than_settle_is_not_undone_by_the_next_place(string pausedLocation, string repeatedPaused, bool kitGuessedJoined)
    {
        // Arrange: details 1.2 s late, --settle 0.2 s; a couple recording, as after a scenario resumed an agent's hold
        var changed = new ConcurrentDictionary<long, (bool Old, long At)>();
        FakeRecorder? fake = null;
        await using var inner = new InProcessTarget((recorder, handler) =>
        {
            fake = recorder;
            return ShowsTheOldStateFor(recorder, handler, TimeSpan.FromMilliseconds(1_200), changed);
        });
        var couples = await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        fake!.Recorder.Profile = Simulator.Domain.RecorderProfile.JaxRsLenient.With("pausedLocation", pausedLocation).Profile!.With("repeatedPaused", repeatedPaused).Profile!;
        var id = couples[0].Id;
        using var http = inner.CreateClient();
        var wire = new PauseResume.Conformance.Wire.Wire(http, TimeSpan.Zero, TimeProvider.System);
        await wire.LoginAsync(0, Accounts[0], TestContext.Current.CancellationToken);
        var profile = kitGuessedJoined ? KitProfile.Default.With(ProfileSettings.RepeatedPaused, "joined").Profile! : KitProfile.Default;

        // Act
        await RealWorld.PutBackAsync(wire, 0, id, paused: true, TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken, profile);

        // Assert
        var history = fake.Recorder.Find(id)!.History;
        var trail = string.Join("; ", history.Select(h => $"paused {h.PausedAt:ss.fff}, resumed {h.ResumedAt:ss.fff}"));
        fake.Recorder.Find(id)!.Paused.ShouldBeTrue($"PSE-1: the agent's hold is back; {trail}");
        history.Count.ShouldBe(1, $"and never resumed in between; {trail}");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(2)] // its first failure fits "paused read only in the query, as Java reads it": a pause in both places refutes that
    public async Task A_pause_the_details_never_show_still_breaks_PSE_1(int seed)
    {
        // Arrange: a real recorder whose pauses and resumes are checked as usual, answered 204 and never taken
        await using var inner = new InProcessTarget((recorder, handler) => new Rewriting(async (request, send) =>
        {
            var segments = request.RequestUri!.AbsolutePath.Split('/');
            if (Rewriting.IsPausedState(request) && request.Method != HttpMethod.Get && long.TryParse(segments[^2], out var id) && recorder.Recorder.Find(id) is { } couple)
            {
                var now = couple.Paused ? "paused=true" : "paused=false";
                var form = (await Rewriting.FormOf(request)).Replace("paused=true", now, StringComparison.Ordinal).Replace("paused=false", now, StringComparison.Ordinal);
                Rewriting.WithQuery(Rewriting.WithForm(request, form), q => q.Replace("paused=true", now, StringComparison.Ordinal).Replace("paused=false", now, StringComparison.Ordinal));
            }

            return await send(request);
        }) { InnerHandler = handler });
        var couples = await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [.. couples.Select(c => c.Id)], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, KitProfile.Default, TextWriter.Null) { Seed = seed, Runs = 20, Real = real, Settle = TimeSpan.FromMilliseconds(100) }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.Select(r => r.Rule.Id).ShouldBe(["PSE-1"], "PSE-1: a pause that never shows was not taken");
    }

    /// <summary>
    /// PSE-1 on a recorder whose details show each couple's state as it was a while earlier (a cache, a replica): a
    /// scenario's pause and the clean-up's put-back then show one after the other after the put-back. A read that falls
    /// on the kit's own undone pause is no state found, or the next clean-up would "restore" it: pause a couple found
    /// recording, and leave it so.
    /// </summary>
    [Fact]
    public async Task A_read_that_shows_the_kits_own_undone_pause_late_is_not_taken_as_found()
    {
        // Arrange: details a second behind, and resumes answered 400 ms late, so a pause and its put-back are 400 ms apart
        var history = new ConcurrentDictionary<long, List<(long At, bool Paused)>>();
        await using var inner = new InProcessTarget((recorder, handler) => ShowsThePast(recorder, handler, TimeSpan.FromSeconds(1), history, slowResume: TimeSpan.FromMilliseconds(400)));
        var couples = await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var id = couples.Single().Id;
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [id], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var pause = new Scenario(real.World, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false)]);
        await new ScenarioRunner(recorder, TimeSpan.Zero, real) { Settle = TimeSpan.Zero }.RunAsync(pause, KitProfile.Default, null, null, TestContext.Current.CancellationToken);
        var pausedAt = history[id].Single(e => e.Paused).At;
        (await real.CouplesNowAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken)).Single().Paused.ShouldBeFalse("the next scenario's read shows the state from before the pause");

        // Act: a later scenario's read, while the details show the moment between the pause and its put-back
        await Task.Delay(TimeSpan.FromMilliseconds(1200) - System.Diagnostics.Stopwatch.GetElapsedTime(pausedAt), TestContext.Current.CancellationToken);
        var now = await real.CouplesNowAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        // Assert
        history[id].Count(e => e.Paused).ShouldBe(1, "only the scenario paused the couple");
        now.Single().Paused.ShouldBeFalse("PSE-1: the couple was found recording, and the kit's own pause was put back");
        (await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken)).Single().Paused.ShouldBeFalse();
    }

    /// <summary>The details show each couple's state as it was <paramref name="lag"/> earlier.</summary>
    private static Rewriting ShowsThePast(FakeRecorder recorder, HttpMessageHandler inner, TimeSpan lag, ConcurrentDictionary<long, List<(long At, bool Paused)>> history, TimeSpan slowResume) =>
        new Rewriting(async (request, send) =>
        {
            var segments = request.RequestUri!.AbsolutePath.Split('/');
            if (Rewriting.IsPausedState(request) && long.TryParse(segments[^2], out var paused))
            {
                if ((request.RequestUri.Query + await Rewriting.FormOf(request)).Contains("paused=false", StringComparison.Ordinal))
                {
                    await Task.Delay(slowResume);
                }

                var response = await send(request);
                if (recorder.Recorder.Find(paused) is { } now)
                {
                    var changes = history.GetOrAdd(paused, _ => [(0, false)]);
                    lock (changes)
                    {
                        if (changes[^1].Paused != now.Paused)
                        {
                            changes.Add((System.Diagnostics.Stopwatch.GetTimestamp(), now.Paused));
                        }
                    }
                }

                return response;
            }

            if (request.Method != HttpMethod.Get || !long.TryParse(segments[^1], out var id) || !history.TryGetValue(id, out var past))
            {
                return await send(request);
            }

            bool shown;
            lock (past)
            {
                shown = past.Last(e => e.At == 0 || System.Diagnostics.Stopwatch.GetElapsedTime(e.At) >= lag).Paused;
            }

            return await Rewriting.WithXml(await send(request), root => root.Elements("paused").Single().Value = shown ? "true" : "false");
        }) { InnerHandler = inner };

    /// <summary>The details show the state from before each pause or resume until <paramref name="lag"/> after it (a recorder's own clock).</summary>
    private static Rewriting ShowsTheOldStateFor(FakeRecorder recorder, HttpMessageHandler inner, TimeSpan lag, ConcurrentDictionary<long, (bool Old, long At)> changed) =>
        ShowsTheOldStateFor(recorder, inner, () => lag, changed);

    /// <summary>As above, with a lag that may change while the run goes on.</summary>
    private static Rewriting ShowsTheOldStateFor(FakeRecorder recorder, HttpMessageHandler inner, Func<TimeSpan> lag, ConcurrentDictionary<long, (bool Old, long At)> changed) =>
        new Rewriting(async (request, send) =>
        {
            var segments = request.RequestUri!.AbsolutePath.Split('/');
            if (Rewriting.IsPausedState(request) && long.TryParse(segments[^2], out var paused) && recorder.Recorder.Find(paused)?.Paused is { } old)
            {
                var response = await send(request);
                if (response.StatusCode == HttpStatusCode.NoContent && recorder.Recorder.Find(paused)!.Paused != old)
                {
                    changed[paused] = (old, System.Diagnostics.Stopwatch.GetTimestamp());
                }

                return response;
            }

            return request.Method == HttpMethod.Get && long.TryParse(segments[^1], out var id) && changed.TryGetValue(id, out var change)
                && System.Diagnostics.Stopwatch.GetElapsedTime(change.At) < lag()
                ? await Rewriting.WithXml(await send(request), root => root.Elements("paused").Single().Value = change.Old ? "true" : "false")
                : await send(request);
        }) { InnerHandler = inner };

    [Fact]
    public async Task The_final_audit_waits_for_the_details_of_a_couple_put_back_on_a_recorder_whose_details_lag()
    {
        // Arrange: details that show a pause or resume 300 ms late, and a scenario that pauses a couple the clean-up puts back
        var changed = new ConcurrentDictionary<long, (bool Old, long At)>();
        await using var inner = new InProcessTarget((recorder, handler) => ShowsTheOldStateFor(recorder, handler, TimeSpan.FromMilliseconds(300), changed));
        var couples = await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [.. couples.Select(c => c.Id)], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var pause = new Scenario(real.World, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false)]);
        var outcome = await new ScenarioRunner(recorder, TimeSpan.Zero, real).RunAsync(pause, KitProfile.Default, null, null, TestContext.Current.CancellationToken);

        // Act: the audit right after the clean-up's put-back, which the details show only later
        var problems = await real.AuditAsync(TimeSpan.FromSeconds(2), TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Assert
        (outcome.Broken is null or { Timing: true }).ShouldBeTrue($"PSE-1: at most the details' lag differs\n{string.Join("\n", outcome.Trace)}");
        outcome.Trace.ShouldContain(line => line.Contains("pausedState", StringComparison.Ordinal) && line.Contains("204", StringComparison.Ordinal), "the scenario paused the couple");
        problems.Changed.ShouldBeEmpty("PSE-1: a put-back the details show late is put back (the couple is as it was found)");
        (await inner.Control.CouplesAsync(TestContext.Current.CancellationToken)).ShouldAllBe(c => !c.Paused, "the couple is recording again");
    }

    [Fact]
    public async Task A_couple_that_ends_while_the_final_audit_waits_for_its_details_is_no_problem()
    {
        // Arrange: lagging details as above, and the call ends as soon as the audit has read its stale state once
        var ending = new System.Runtime.CompilerServices.StrongBox<bool>();
        await using var inner = EndingOnRead(ending);
        var real = await PausedAndPutBackAsync(inner);
        ending.Value = true;

        // Act
        var problems = await real.AuditAsync(TimeSpan.FromSeconds(2), TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Assert
        (await inner.Control!.CouplesAsync(TestContext.Current.CancellationToken)).ShouldAllBe(c => c.Ended, "the call ended during the audit");
        problems.Changed.ShouldBeEmpty("a couple that has ended is no problem, even while the audit waited for its details (PSE-1)");
        problems.Unchecked.ShouldBeEmpty("a 404 says the couple has ended (DET-3), which is no unread state");
    }

    /// <summary>
    /// PSE-1, DET-3: a couple put back on a recorder whose details lag, that ends while the next scenario's read waits for
    /// its details to settle, is no put-back that did not take (the stand-in hunt's c4-23-2 said "check it by hand").
    /// </summary>
    [Fact]
    public async Task A_couple_that_ends_while_its_put_back_settles_is_no_doubt()
    {
        // Arrange: details 30 s behind, and the call ends as soon as the next scenario has read its stale state once
        var ending = new System.Runtime.CompilerServices.StrongBox<bool>();
        await using var inner = EndingOnRead(ending);
        var real = await PausedAndPutBackAsync(inner);
        ending.Value = true;

        // Act
        await real.CouplesNowAsync(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        // Assert
        (await inner.Control!.CouplesAsync(TestContext.Current.CancellationToken)).ShouldAllBe(c => c.Ended, "the call ended while its details settled");
        ending.Value = false;
        (await real.AuditAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken)).Unchecked.ShouldBeEmpty("a couple that has ended is no put-back that did not take (DET-3)");
    }

    /// <summary>The simulator, observed as a real recorder, whose details lag 30 s; while <paramref name="ending"/> is set, a details read ends the call.</summary>
    private static InProcessTarget EndingOnRead(System.Runtime.CompilerServices.StrongBox<bool> ending)
    {
        var changed = new ConcurrentDictionary<long, (bool Old, long At)>();
        return new InProcessTarget((recorder, handler) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            if (ending.Value && request.Method == HttpMethod.Get && long.TryParse(request.RequestUri!.AbsolutePath.Split('/')[^1], out var id))
            {
                recorder.Recorder.EndCall(id);
            }

            return response;
        }) { InnerHandler = ShowsTheOldStateFor(recorder, handler, TimeSpan.FromSeconds(30), changed) });
    }

    /// <summary>One couple of one call, the simulator observed as a real recorder with the kit allowed to pause it.</summary>
    private static async Task<(ObservedTarget Recorder, RealWorld Real)> OneCoupleObservedAsync(InProcessTarget inner)
    {
        var couples = await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        return (recorder, await RealWorld.ObserveAsync(recorder, Accounts, [.. couples.Select(c => c.Id)], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken));
    }

    /// <summary>One couple, observed as on a real recorder, paused by a scenario and put back by its clean-up.</summary>
    private static async Task<RealWorld> PausedAndPutBackAsync(InProcessTarget inner)
    {
        var (recorder, real) = await OneCoupleObservedAsync(inner);
        var pause = new Scenario(real.World, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false)]);
        await new ScenarioRunner(recorder, TimeSpan.Zero, real) { Settle = TimeSpan.Zero }.RunAsync(pause, KitProfile.Default, null, null, TestContext.Current.CancellationToken);
        return real;
    }
}
