using System.Net;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// Judging a failure on a real recorder replays its scenario under dozens of profiles, and each replay there costs
/// seconds (a login, the couples read, the scenario, the clean-up, at the run's rate): a difference of the access rules
/// took 130 s to judge at 5 requests a second, and a run with --budget 180 ended there. A replay that sends the same
/// requests as one before it gets the same answers from a recorder that answers alike: those are told from the answers
/// recorded, and only a replay that would send something new goes to the recorder.
/// </summary>
public sealed class RecordedReplayTests
{
    private static readonly ModelUser[] Accounts = [new("admin", "admin", true, true, []), new("lister", "lister", true, false, [])];

    /// <summary>
    /// A recorder observed as a real one that refuses admin's pauses and resumes of its first couple with a 403 and, where
    /// hidesLink, shows admin no pausedState link there (faithful to DET-2; its access rules are not the
    /// ones inferred; with the link shown, it breaks DET-2), counting the requests it is sent.
    /// </summary>
    private sealed class RefusingOneCouple : IAsyncDisposable
    {
        private readonly InProcessTarget inner;
        private long firstCouple;
        private int requests;

        public RefusingOneCouple(bool hidesLink = true)
        {
            HidesLink = hidesLink;
            inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
            {
                Interlocked.Increment(ref requests);
                var path = request.RequestUri!.AbsolutePath;
                var ofIt = path.Contains($"/couples.xml/{firstCouple}", StringComparison.Ordinal);
                if (Refuses && ofIt && Rewriting.IsPausedState(request) && request.Method == HttpMethod.Post && Rewriting.SessionOf(request) is { } session && Admins.Contains(session))
                {
                    return new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("not yours") };
                }

                var response = await send(request);
                if (Rewriting.Is(request, "POST", "/loginAction.do") && request.Content is not null && (await request.Content.ReadAsStringAsync()).StartsWith("login=admin&", StringComparison.Ordinal)
                    && response.Headers.TryGetValues("Set-Cookie", out var set) && set.FirstOrDefault(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal)) is { } cookie)
                {
                    Admins.Add(cookie.Split(';')[0]["JSESSIONID=".Length..]);
                }

                if (HidesLink && ofIt && request.Method == HttpMethod.Get && !Rewriting.IsPausedState(request))
                {
                    var body = await response.Content.ReadAsStringAsync();
                    response.Content = new StringContent(System.Text.RegularExpressions.Regex.Replace(body, "<[^>]*rel=\"pausedState\"[^>]*>", string.Empty), System.Text.Encoding.UTF8, "application/xml");
                }

                return response;
            }) { InnerHandler = handler });
            Recorder = new ObservedTarget(inner);
        }

        /// <summary>The sessions admin logged in (admin keeps its rights on every other couple).</summary>
        private System.Collections.Concurrent.ConcurrentBag<string> Admins { get; } = [];

        public ObservedTarget Recorder { get; }

        /// <summary>Whether admin's pauses and resumes of the first couple are refused (until told otherwise).</summary>
        public bool Refuses { get; set; } = true;

        /// <summary>Whether the first couple's details show admin no pausedState link (until told otherwise).</summary>
        public bool HidesLink { get; set; }

        public int Requests => Volatile.Read(ref requests);

        public async Task<RealWorld> ObserveAsync()
        {
            var couples = await inner.Control!.ResetAsync(
                new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "10022", "10.0.0.6", "10.0.1.22")]), TestContext.Current.CancellationToken);
            firstCouple = couples[0].Id;
            return await RealWorld.ObserveAsync(Recorder, Accounts, [.. couples.Select(c => c.Id)], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    private static string Verdicts(KitResult result) =>
        string.Join("\n", result.Rules.Select(r => $"{r.Rule.Id} {r.Status} {r.Failure?.Check.Rule} {r.Failure?.Check.Expected}/{r.Failure?.Check.Actual}"));

    [Fact]
    public async Task A_whole_run_judges_as_it_does_with_every_replay_sent_and_sends_the_recorder_fewer_requests()
    {
        // Arrange
        var progress = new StringWriter();
        await using var predicting = new RefusingOneCouple();
        var real = await predicting.ObserveAsync();
        await using var sending = new RefusingOneCouple();
        var realToo = await sending.ObserveAsync();

        // Act
        var predicted = await new ConformanceKit(predicting.Recorder, KitProfile.Default, progress) { Seed = 2532, Runs = 30, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);
        var sent = await new ConformanceKit(sending.Recorder, KitProfile.Default, TextWriter.Null) { Seed = 2532, Runs = 30, Real = realToo, Settle = TimeSpan.Zero, PredictsReplays = false }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        progress.ToString().ShouldContain("looking for a setting value that explains it");
        predicted.Rules.ShouldContain(r => r.Status == RuleStatus.Differs, Verdicts(predicted));
        Verdicts(predicted).ShouldBe(Verdicts(sent));
        predicting.Requests.ShouldBeLessThan(sending.Requests * 2 / 3, $"{predicting.Requests} requests with the replays told from recorded answers, {sending.Requests} with each sent");
    }

    /// <summary>
    /// Each value's own replay used to ask the recorder again, and a failure met at a moment now gone (a call that ended,
    /// a hold, someone logged in as an account) passed there and was not counted; told from the answers of one replay,
    /// every value failed as that replay had, and a documented rule was called broken (DET-2, where the recorder showed the
    /// link), or an inferred one said to differ (PSE-4, where it did not). Where nothing explains a failure by the answers
    /// kept, the recorder is asked once more.
    /// </summary>
    [Theory]
    [InlineData(false, "DET-2")]
    [InlineData(true, "PSE-4")]
    public async Task A_failure_that_does_not_come_back_while_it_is_judged_is_not_counted(bool hidesLink, string rule)
    {
        // Arrange: admin's pauses of one couple refused (and, where hidesLink, its link hidden), until the kit starts to
        // look for a value that explains the first failure
        await using var recorder = new RefusingOneCouple(hidesLink);
        var real = await recorder.ObserveAsync();
        var progress = new Watching("looking for a setting value that explains it", () => (recorder.Refuses, recorder.HidesLink) = (false, false));

        // Act
        var result = await new ConformanceKit(recorder.Recorder, KitProfile.Default, progress) { Seed = 2532, Runs = 30, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        progress.Seen.ShouldBeTrue(Verdicts(result));
        progress.ToString().ShouldContain($"failed a check of {rule}", Case.Sensitive, progress.ToString()); // the first failure
        result.Rules.Where(r => r.Status is RuleStatus.Failed or RuleStatus.Differs).ShouldBeEmpty(Verdicts(result));
        progress.ToString().ShouldContain("the failure stopped coming back while the kit looked for a setting that explains it", Case.Sensitive, progress.ToString());
    }

    /// <summary>A progress writer that does something the first time a line says <paramref name="text"/>.</summary>
    private sealed class Watching(string text, Action then) : StringWriter
    {
        public bool Seen { get; private set; }

        public override void WriteLine(string? value)
        {
            if (!Seen && value?.Contains(text, StringComparison.Ordinal) == true)
            {
                Seen = true;
                then();
            }

            base.WriteLine(value);
        }
    }

    [Fact]
    public async Task A_replay_is_told_from_the_recorded_answers_only_while_it_sends_what_was_recorded()
    {
        // Arrange: a login, a pause of the couple admin may not pause, then a list; first run under a profile whose
        // session cookie the login's does not match, so that run ends at the login
        await using var recorder = new RefusingOneCouple();
        var real = await recorder.ObserveAsync();
        var runner = new ScenarioRunner(recorder.Recorder, TimeSpan.Zero, real) { Settle = TimeSpan.Zero, Records = true };
        var scenario = new Scenario(real.World, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false), new ListCommand(0, FilterSpec.None, FilterSpec.None)]);
        var plainCookie = KitProfile.Default.With(ProfileSettings.SessionCookie, "plain").Profile!;
        var endsAtLogin = await runner.RunAsync(scenario, plainCookie, null, null, TestContext.Current.CancellationToken);
        var sentBefore = recorder.Requests;
        var furtherThanRecorded = await runner.PredictAsync(scenario, KitProfile.Default, null, TestContext.Current.CancellationToken);
        var live = await runner.RunAsync(scenario, KitProfile.Default, null, null, TestContext.Current.CancellationToken);
        var sentLive = recorder.Requests - sentBefore;

        // Act
        var again = await runner.PredictAsync(scenario, KitProfile.Default, null, TestContext.Current.CancellationToken);
        var atLogin = await runner.PredictAsync(scenario, plainCookie, null, TestContext.Current.CancellationToken);
        var otherScenario = await runner.PredictAsync(scenario with { }, KitProfile.Default, null, TestContext.Current.CancellationToken);

        // Assert
        endsAtLogin.FailingStep.ShouldBe(0, string.Join("\n", endsAtLogin.Trace));
        furtherThanRecorded.ShouldBeNull("past the login the run that was recorded sent nothing: only the recorder can answer the pause");
        live.Broken!.Rule.ShouldBe("PSE-4");
        again.ShouldNotBeNull();
        (again.FailingStep, again.Broken!.Rule, again.Broken.Actual).ShouldBe((live.FailingStep, live.Broken.Rule, live.Broken.Actual));
        again.Transcript.Select(e => (e.Method, e.PathAndQuery, e.Status)).ShouldBe(live.Transcript.Select(e => (e.Method, e.PathAndQuery, e.Status)));
        atLogin.ShouldNotBeNull("the recording holds the login's answer");
        (atLogin.FailingStep, atLogin.Broken!.Rule).ShouldBe((endsAtLogin.FailingStep, endsAtLogin.Broken!.Rule));
        otherScenario.ShouldBeNull("a recording answers only the scenario it was made of");
        (recorder.Requests - sentBefore).ShouldBe(sentLive, "nothing is sent to tell a replay from its recording");
    }

    /// <summary>
    /// The clean-up after a run sends its own requests on the same wire (a logout of each slot, the pauser's login, reads
    /// of the couples): they are no answers of the scenario's, and a replay that goes further than the recorded run, to a
    /// logout say, was served the clean-up's logout.
    /// </summary>
    [Fact]
    public async Task A_replay_that_goes_further_than_the_recorded_run_is_not_served_the_clean_ups_answers()
    {
        // Arrange: a login and a logout, first run under a profile whose session cookie the login's does not match
        await using var recorder = new RefusingOneCouple();
        var real = await recorder.ObserveAsync();
        var runner = new ScenarioRunner(recorder.Recorder, TimeSpan.Zero, real) { Settle = TimeSpan.Zero, Records = true };
        var scenario = new Scenario(real.World, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new LogoutCommand(0)]);
        var endsAtLogin = await runner.RunAsync(scenario, KitProfile.Default.With(ProfileSettings.SessionCookie, "plain").Profile!, null, null, TestContext.Current.CancellationToken);

        // Act
        var predicted = await runner.PredictAsync(scenario, KitProfile.Default, null, TestContext.Current.CancellationToken);

        // Assert
        endsAtLogin.FailingStep.ShouldBe(0);
        predicted.ShouldBeNull("the recorded run sent nothing past the login: the logout's answer in the recording was the clean-up's");
    }

    /// <summary>
    /// PSE-1: a pause taken (204) that the details never show is waited for, read after read. A replay under another
    /// profile that waits for the same state as long is told from those recorded reads: a recorder that broke PSE-1 was
    /// asked again, with a wait, for every value a diagnosis tried, and the break went unjudged within --budget.
    /// </summary>
    [Fact]
    public async Task A_wait_for_a_pause_that_never_shows_is_told_from_the_recorded_reads()
    {
        // Arrange: admin's pauses are taken, and the first couple's details always show it recording
        var requests = 0;
        await using var one = await OneCoupleAsync(first => async (request, send) =>
        {
            Interlocked.Increment(ref requests);
            var response = await send(request);
            return request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.EndsWith($"/couples.xml/{first()}", StringComparison.Ordinal)
                ? await ShownRecording(response)
                : response;
        });
        var (runner, real) = (one.Runner, one.Real);
        var scenario = new Scenario(real.World, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false), new DetailsCommand(0, new CoupleRef(0), false)]);
        var live = await runner.RunAsync(scenario, KitProfile.Default, null, null, TestContext.Current.CancellationToken);
        var sentBefore = Volatile.Read(ref requests);

        // Act
        var predicted = await runner.PredictAsync(scenario, KitProfile.Default.With(ProfileSettings.UnchangedPauseStatus, "409").Profile!, null, TestContext.Current.CancellationToken);

        // Assert
        live.Broken.ShouldNotBeNull(Rewriting.Trace(live));
        (live.Broken.Rule, live.Broken.Documented).ShouldBe(("PSE-1", true), Rewriting.Trace(live));
        predicted.ShouldNotBeNull("the recorded run read the details for as long as a replay waits");
        (predicted.FailingStep, predicted.Broken!.Rule, predicted.Broken.Actual).ShouldBe((live.FailingStep, live.Broken.Rule, live.Broken.Actual));
        Volatile.Read(ref requests).ShouldBe(sentBefore, "nothing is sent to tell a replay from its recording");
    }

    /// <summary>
    /// A wait told from recorded reads times each read as the run did, from when the read that disagreed was answered to
    /// when the read that shows the state was sent: timed from when the first was sent, a pause the run saw within
    /// --settle behind a slow first answer was predicted as details that lag, an outcome no run with these answers had.
    /// </summary>
    [Fact]
    public async Task A_replay_times_the_recorded_reads_as_the_run_did()
    {
        // Arrange: after admin's pause, the first details read is answered 250 ms late, and the details show the pause
        // only to reads that arrive 400 ms or more after that first read arrived
        var paused = 0;
        long firstReadAt = 0;
        await using var one = await OneCoupleAsync(first => async (request, send) =>
        {
            var ofIt = request.RequestUri!.AbsolutePath.EndsWith($"/couples.xml/{first()}", StringComparison.Ordinal);
            if (Volatile.Read(ref paused) == 1 && ofIt && request.Method == HttpMethod.Get)
            {
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                var hide = Interlocked.CompareExchange(ref firstReadAt, now, 0) == 0;
                if (hide)
                {
                    await Task.Delay(250);
                }

                hide |= System.Diagnostics.Stopwatch.GetElapsedTime(Interlocked.Read(ref firstReadAt), now) < TimeSpan.FromMilliseconds(400);
                var answer = await send(request);
                return hide ? await ShownRecording(answer) : answer;
            }

            var response = await send(request);
            if (Rewriting.IsPausedState(request) && request.Method != HttpMethod.Get && request.RequestUri.AbsolutePath.Contains($"/couples.xml/{first()}/", StringComparison.Ordinal) && response.IsSuccessStatusCode)
            {
                Interlocked.CompareExchange(ref paused, 1, 0);
            }

            return response;
        });
        var (runner, real) = (one.Runner, one.Real);
        var scenario = new Scenario(real.World, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false)]);
        var live = await runner.RunAsync(scenario, KitProfile.Default, null, null, TestContext.Current.CancellationToken);

        // Act
        var predicted = await runner.PredictAsync(scenario, KitProfile.Default.With(ProfileSettings.UnchangedPauseStatus, "409").Profile!, null, TestContext.Current.CancellationToken);

        // Assert
        live.Failed.ShouldBeFalse(Rewriting.Trace(live));
        predicted.ShouldNotBeNull("the replay reads what the run read, and stops where it stopped");
        predicted.Failed.ShouldBeFalse($"predicted {predicted.Broken?.Rule} {predicted.Broken?.What}: {predicted.Broken?.Actual}; the run passed");
    }

    /// <summary>
    /// A paced run (--rate 2.5, one request each 400 ms) whose details show a pause on the first read after the one that
    /// disagreed: the kit could not read it sooner (the pacer held its read back), and nothing shows a lag past --settle.
    /// Judged by when the read that showed it was sent, every lag was later than a --settle shorter than the pace.
    /// </summary>
    [Fact]
    public async Task A_pause_shown_by_the_first_paced_read_of_a_wait_is_within_settle()
    {
        // Arrange: after admin's pause, only the first details read shows the couple recording
        var paused = 0;
        var hidden = 0;
        await using var one = await OneCoupleAsync(first => async (request, send) =>
        {
            var ofIt = request.RequestUri!.AbsolutePath.EndsWith($"/couples.xml/{first()}", StringComparison.Ordinal);
            var response = await send(request);
            if (Volatile.Read(ref paused) == 1 && ofIt && request.Method == HttpMethod.Get && Interlocked.CompareExchange(ref hidden, 1, 0) == 0)
            {
                return await ShownRecording(response);
            }

            if (Rewriting.IsPausedState(request) && request.Method != HttpMethod.Get && request.RequestUri.AbsolutePath.Contains($"/couples.xml/{first()}/", StringComparison.Ordinal) && response.IsSuccessStatusCode)
            {
                Interlocked.CompareExchange(ref paused, 1, 0);
            }

            return response;
        }, pace: TimeSpan.FromMilliseconds(400));
        var (runner, real) = (one.Runner, one.Real);
        var scenario = new Scenario(real.World, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false)]);

        // Act
        var live = await runner.RunAsync(scenario, KitProfile.Default, null, null, TestContext.Current.CancellationToken);

        // Assert
        Volatile.Read(ref hidden).ShouldBe(1);
        live.Failed.ShouldBeFalse($"{live.Broken?.Rule} {live.Broken?.What}: {live.Broken?.Actual}");
    }

    /// <summary>A recorder observed as a real one with one couple, each exchange through <paramref name="exchange"/> (given the couple's id), and a runner that keeps each run's answers, with --settle 300 ms.</summary>
    private static async Task<OneCouple> OneCoupleAsync(Func<Func<long>, Func<HttpRequestMessage, Func<HttpRequestMessage, Task<HttpResponseMessage>>, Task<HttpResponseMessage>>> exchange, TimeSpan pace = default)
    {
        long first = 0;
        var inner = new InProcessTarget((_, handler) => new Rewriting(exchange(() => first)) { InnerHandler = handler });
        var couples = await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        first = couples[0].Id;
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [first], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        return new OneCouple(inner, new ScenarioRunner(recorder, pace, real) { Settle = TimeSpan.FromMilliseconds(300), Records = true }, real);
    }

    private sealed record OneCouple(InProcessTarget Inner, ScenarioRunner Runner, RealWorld Real) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Inner.DisposeAsync();
    }

    /// <summary>The answer with the couple shown recording, whatever its details say.</summary>
    private static Task<HttpResponseMessage> ShownRecording(HttpResponseMessage response) =>
        Rewriting.WithXml(response, root => root.Elements().Where(e => e.Name.LocalName == "paused").ToList().ForEach(e => e.Value = "false"));
}
