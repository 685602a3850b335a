using System.Collections.Concurrent;
using PauseResume.Conformance.Concurrency;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Reports;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Hosting;

namespace PauseResume.Conformance.Tests.Concurrency;

/// <summary>Concurrent agents against the simulator and against recorders that break under concurrency (GEN-3, PSE-1).</summary>
[Collection(Support.RealTimeLags.Name)]
public sealed class ConcurrentAgentsTests
{
    private static async Task<AgentsResult> RunAsync(int agents, int operations, Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler>? wrap = null, int seed = 5, KitProfile? profile = null)
    {
        await using var target = new InProcessTarget(wrap);
        return await new AgentsRun(target, new AgentsPlan(agents, operations, seed, TimeSpan.Zero, TimeSpan.FromSeconds(10)), TextWriter.Null) { Profile = profile }
            .RunAsync(TestContext.Current.CancellationToken);
    }

    private static KitProfile PausesWholeCalls => KitProfile.Default.With(ProfileSettings.PauseScope, "call").Profile!;

    [Fact]
    public async Task The_simulator_is_linearizable_for_16_agents_and_10000_operations()
    {
        var result = await RunAsync(16, 10_000);

        result.Couples.Count(c => c.Shared).ShouldBe(4);
        result.Operations.ShouldBe(10_000 + (2 * result.Couples.Count), "every operation and a read of each couple before and after");
        result.Couples.Where(c => !c.Passed).ShouldBeEmpty(AgentsReport.Text(result, "replay"));
        result.ExitCode().ShouldBe(0);
    }

    /// <summary>
    /// PSE-1 says a pause holds the recording "of that call": a recorder that pauses every couple of the call when one is
    /// paused breaks no documented rule. A couple changed by a pause of its call's other couple is a difference on which
    /// couples a pause reaches, never a pause lost (PSE-1 broken).
    /// </summary>
    [Fact]
    public async Task PSE_1_A_recorder_that_pauses_the_whole_call_breaks_nothing_and_differs_on_the_reach_of_a_pause()
    {
        var result = await RunAsync(4, 400, ConcurrentDeviants.PausesByCall);
        var report = AgentsReport.Text(result, "replay");

        result.Broken.ShouldBeFalse($"PSE-1: no pause or resume answered as taken was lost\n{report}");
        result.Couples.ShouldContain(c => c.ByCall != null, report);
        result.Couples.Where(c => !c.Passed).ShouldAllBe(c => c.ByCall != null, report);
        result.ExitCode().ShouldBe(PauseResume.Conformance.Kit.KitResult.ExitDiffers, report);
        report.ShouldContain("the recorder pauses and resumes the whole call, not the couple alone");
        report.ShouldContain("differs, as under pauseScope=call:", Case.Sensitive, "the difference names the profile setting that describes it");
        result.Verdict.ShouldContain("a pause reached the other couples of its call");
    }

    /// <summary>
    /// The same recorder on the real clock with --settle: a couple's own reads, which its call's other couple's pauses
    /// change, fit details up to --settle late, which the run did not measure, so on its own the couple is not checked.
    /// Its call's history, taken as one, explains them at once: the run says the recorder pauses the whole call (a
    /// difference) instead of leaving the couples not checked.
    /// </summary>
    [Fact]
    public async Task PSE_1_A_recorder_that_pauses_the_whole_call_differs_on_the_reach_of_a_pause_with_a_settle_too()
    {
        await using var target = new RealClockTarget(new InProcessTarget(ConcurrentDeviants.PausesByCall));
        var result = await new AgentsRun(target, new AgentsPlan(4, 400, 5, TimeSpan.Zero, TimeSpan.FromSeconds(10)), TextWriter.Null) { Settle = TimeSpan.FromSeconds(1) }
            .RunAsync(TestContext.Current.CancellationToken);
        var report = AgentsReport.Text(result, "replay");

        result.Broken.ShouldBeFalse($"PSE-1: no pause or resume answered as taken was lost\n{report}");
        result.Couples.ShouldContain(c => c.ByCall != null, report);
        result.NotChecked.ShouldBeEmpty(report);
        result.ExitCode().ShouldBe(PauseResume.Conformance.Kit.KitResult.ExitDiffers, report);
    }

    /// <summary>
    /// PSE-1 on a recorder that pauses the whole call one couple after the other: a read may fall between the two, and two
    /// agents' pauses may reach the couples in opposite orders, so the couples of a call are not one state at every moment.
    /// Each couple's reads are still explained by the pauses and resumes of its whole call: never PSE-1 broken (a run once
    /// said so, and exit 1 on a faithful recorder), under either profile.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PSE_1_A_recorder_that_pauses_the_legs_of_a_call_one_after_the_other_breaks_nothing(bool checkedAsWholeCall)
    {
        var result = await RunAsync(4, 400, ConcurrentDeviants.PausesByCallOneLegAfterTheOther, profile: checkedAsWholeCall ? PausesWholeCalls : null);
        var report = AgentsReport.Text(result, "replay");

        result.Broken.ShouldBeFalse($"PSE-1: no pause or resume answered as taken was lost\n{report}");
        result.ExitCode().ShouldBe(checkedAsWholeCall ? 0 : PauseResume.Conformance.Kit.KitResult.ExitDiffers, report);
    }

    /// <summary>
    /// PSE-1 under pauseScope=call: the pauses of one leg of each call never reach the other, while the other's reach it.
    /// A couple's call history holds its own requests and its call-mates' pauses and resumes: the leg that never follows is
    /// not explained by them, and the run says its recorder pauses that couple alone (a difference: the reach of a pause
    /// is inferred), never that it passes as a whole-call recorder. One agent: its operations never overlap, so the leg that
    /// does not follow shows in every run whatever the machine's load (with four, their overlaps may leave it unseen).
    /// </summary>
    [Fact]
    public async Task PSE_1_Checked_against_pauseScope_call_a_leg_that_never_takes_its_call_mates_pause_is_told()
    {
        var result = await RunAsync(1, 400, ConcurrentDeviants.PausesByCallFromOneLegOnly, profile: PausesWholeCalls);
        var report = AgentsReport.Text(result, "replay");

        result.Broken.ShouldBeFalse(report);
        result.Couples.ShouldContain(c => c.ByCall != null && !c.WholeCall, report);
        result.ExitCode().ShouldBe(PauseResume.Conformance.Kit.KitResult.ExitDiffers, report);
    }

    /// <summary>
    /// PSE-1 under pauseScope=call, on a recorder whose details come from a cache a pause does not clear: a couple's last
    /// read may show its own last pause while its call-mate's later resume has not shown yet. It was read again only where
    /// its own history left it unsettled, so it was not, and the run said a resume was lost (PSE-1 broken, exit 1) of an
    /// independent recorder that lost nothing. Judged against its call's history, it is read again until that shows.
    /// </summary>
    [Theory]
    [InlineData(7)]
    [InlineData(21)]
    [InlineData(24)]
    public async Task PSE_1_Under_pauseScope_call_a_couple_is_read_again_until_its_call_mates_last_pause_shows(int seed)
    {
        await using var target = new RealClockTarget(new InProcessTarget(ConcurrentDeviants.PausesByCallWithCachedDetails(TimeSpan.FromMilliseconds(1000))));
        var result = await new AgentsRun(target, new AgentsPlan(1, 60, seed, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10)), TextWriter.Null) { Settle = TimeSpan.FromSeconds(2), Profile = PausesWholeCalls }
            .RunAsync(TestContext.Current.CancellationToken);
        var report = AgentsReport.Text(result, "replay");

        result.Broken.ShouldBeFalse(report);
        result.Couples.Where(c => c.NotSettled != null).ShouldBeEmpty(report);
    }

    /// <summary>PSE-1 under pauseScope=call: a call's couples are one history, so the recorder that pauses the whole call passes.</summary>
    [Fact]
    public async Task PSE_1_Checked_against_pauseScope_call_a_recorder_that_pauses_the_whole_call_passes()
    {
        var result = await RunAsync(4, 400, ConcurrentDeviants.PausesByCall, profile: PausesWholeCalls);
        var report = AgentsReport.Text(result, "replay");

        result.Couples.Where(c => !c.Passed).ShouldBeEmpty(report);
        result.ExitCode().ShouldBe(0, report);
        result.Operations.ShouldBe(400 + (2 * result.Couples.Count), "each operation once, with a read of each couple before and after: a call-mate's writes, which the call's history holds, are not counted again");
    }

    /// <summary>
    /// A recorder behind a rate limit refuses some requests 503: no answer to judge (they may or may not have taken
    /// effect), never a 5xx of the server's own (GEN-3), and the summary says how many the limit refused (it said "0
    /// answered 5xx" of a recorder that had answered 753 of them 503).
    /// </summary>
    [Fact]
    public async Task GEN_3_Requests_a_rate_limit_refuses_503_are_counted_as_such_not_as_server_errors()
    {
        var refused = 0;
        var result = await RunAsync(4, 200, (_, inner) => new Rewriting(async (request, send) =>
            Rewriting.IsPausedState(request) && Interlocked.Increment(ref refused) % 5 == 0
                ? new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Headers = { { "Retry-After", "1" } } }
                : await send(request)) { InnerHandler = inner });
        var report = AgentsReport.Text(result, "replay");

        result.Unavailable.ShouldBeGreaterThan(0, report);
        result.ServerErrors.ShouldBe(0, report);
        result.Broken.ShouldBeFalse(report);
        report.ShouldContain($"{result.Unavailable} of them refused 502, 503, 504 or 429 by the server or a gateway");
        report.ShouldContain("0 answered 5xx besides those", Case.Sensitive, "the count of the server's own 5xx does not read as a denial of the 503s beside it");
    }

    /// <summary>
    /// DET-3: a couple whose call ends mid-run (every request on it answered 404 from its fifth pause or resume on, so
    /// after four were answered) is a legal event: nothing broken, and the summary names the couple and when its
    /// refusals began (it said "234 refused" and nothing else). It once ended the couple of the run's 30th pause, which
    /// could be that couple's first request: refused from its start, no moment from which its refusals began.
    /// </summary>
    [Fact]
    public async Task DET_3_A_couple_that_ends_mid_run_is_named_in_the_summary_with_when_its_refusals_began()
    {
        var writes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        string? ended = null;
        var result = await RunAsync(4, 300, (_, inner) => new Rewriting(async (request, send) =>
        {
            var path = request.RequestUri!.AbsolutePath;
            if (Rewriting.IsPausedState(request) && writes.AddOrUpdate(path, 1, (_, n) => n + 1) == 5)
            {
                Interlocked.CompareExchange(ref ended, path[..^"/pausedState".Length], null);
            }

            return ended is { } gone && (path == gone || path == gone + "/pausedState")
                ? new HttpResponseMessage(System.Net.HttpStatusCode.NotFound) { RequestMessage = request }
                : await send(request);
        }) { InnerHandler = inner });
        var report = AgentsReport.Text(result, "replay");
        var gone = ended.ShouldNotBeNull("a couple had five pauses and resumes sent");
        var couple = long.Parse(gone[(gone.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

        result.Broken.ShouldBeFalse(report);
        result.RefusedBy.ShouldContain(g => g.Status == 404 && g.RefusedFromOn.ContainsKey(couple), report);
        report.ShouldContain($"{couple} (every time from ");
        result.RefusedBy.Single(g => g.Status == 404).RefusedFromOn[couple].ShouldBeLessThan(result.Duration, "counted from when the agents started, it falls within the run");
        report.ShouldContain("may have ended, a legal event");
    }

    /// <summary>
    /// The other way round: a recorder whose calls have two couples each and that pauses a couple alone, checked against
    /// pauseScope=call, differs on the reach of a pause; it breaks nothing.
    /// </summary>
    [Fact]
    public async Task PSE_1_Checked_against_pauseScope_call_a_recorder_that_pauses_the_couple_alone_differs_and_breaks_nothing()
    {
        var result = await RunAsync(4, 400, ConcurrentDeviants.ListsCouplesInPairs, profile: PausesWholeCalls);
        var report = AgentsReport.Text(result, "replay");

        result.Broken.ShouldBeFalse(report);
        result.Couples.ShouldContain(c => c.ByCall != null && !c.WholeCall, report);
        result.ExitCode().ShouldBe(PauseResume.Conformance.Kit.KitResult.ExitDiffers, report);
        report.ShouldContain("the recorder pauses and resumes the couple alone, not the whole call");
        report.ShouldContain("differs, as under pauseScope=couple:");
    }

    [Fact]
    public async Task Answers_that_never_came_raise_no_false_alarm()
    {
        var result = await RunAsync(8, 3_000, ConcurrentDeviants.CutAnswers(seed: 3));

        result.Unknown.ShouldBeGreaterThan(100, "about one operation in ten gets no answer");
        result.Couples.Where(c => !c.Passed).ShouldBeEmpty($"GEN-3: an operation without an answer may or may not have taken effect\n{AgentsReport.Text(result, "replay")}");
    }

    public static TheoryData<string> Deviants => ["a lost update", "stale reads", "a pause applied to the wrong couple under load", "operations applied out of order"];

    [Theory]
    [MemberData(nameof(Deviants))]
    public async Task A_recorder_that_breaks_under_concurrency_is_caught_with_the_window_that_shows_it(string deviant)
    {
        var wrap = deviant switch
        {
            "a lost update" => ConcurrentDeviants.LostUpdate,
            "stale reads" => ConcurrentDeviants.StaleReads,
            "a pause applied to the wrong couple under load" => ConcurrentDeviants.WrongCoupleUnderLoad,
            _ => ConcurrentDeviants.OutOfOrder,
        };

        var result = await RunAsync(8, 2_000, wrap);
        var report = AgentsReport.Text(result, "replay");

        result.ExitCode().ShouldNotBe(0, $"GEN-3: {deviant} must be caught\n{report}");
        var caught = result.Couples.Where(c => c.Window is not null).ToList();
        caught.ShouldNotBeEmpty(report);
        caught.ShouldAllBe(c => c.Window!.Operations.Count < c.Operations, "the window is narrowed to a stretch of the couple's history");
        caught.ShouldAllBe(c => HistoryCheck.Linearizable(c.Window!.Operations, null, HistoryCheck.SearchBudget) == false, "the window alone cannot be linearized: it is the evidence");
        report.ShouldContain("no order of these");
        report.ShouldContain(caught[0].Window!.Timeline());
    }

    [Fact]
    public async Task A_lost_pause_that_shows_after_every_agent_stopped_breaks_the_documented_rule()
    {
        var result = await RunAsync(8, 2_000, ConcurrentDeviants.OutOfOrder);

        // The last pause or resume of each couple is held back until a next one that never comes.
        result.Couples.ShouldContain(c => c.NotSettled != null, AgentsReport.Text(result, "replay"));
        result.ExitCode().ShouldBe(PauseResume.Conformance.Kit.KitResult.ExitBroken, "PSE-1 is documented: a pause answered as taken must pause");
    }
}
