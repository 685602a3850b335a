using System.Xml.Linq;
using PauseResume.Conformance.Compare;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Conformance.Tests.Support.Rewriting;

namespace PauseResume.Conformance.Tests.Compare;

/// <summary>--compare: the same scenarios on a recorder and a simulator set up like it, every answer compared.</summary>
public sealed class ComparisonTests
{
    private static readonly ModelUser[] Accounts =
    [
        new("admin", "admin", true, true, []),
        new("agent", "agent", true, true, ["1002?"]),
        new("monitor", "monitor", true, false, []),
        new("guest", "guest", false, false, []),
    ];

    /// <summary>
    /// The kit's --compare of a standalone simulator started with <paramref name="recorderOptions"/> (and no control API,
    /// as a recorder has none) with one on its defaults, with the default world's accounts: its exit code, report and
    /// progress.
    /// </summary>
    private static async Task<(int Exit, string Output, string Progress)> CompareStandaloneAsync(string[] recorderOptions, params string[] options)
    {
        await using var recorder = await StandaloneSimulator.StartAsync(["--no-control", .. recorderOptions]);
        await using var simulator = await StandaloneSimulator.StartAsync();
        var output = new StringWriter();
        var progress = new StringWriter();
        var exit = await PauseResume.Conformance.Cli.KitCommand.RunAsync(
            ["--target", recorder.Address.ToString(), "--compare", simulator.Address.ToString(), "--rate", "1000", .. options,
             "--account", "admin:admin:list,pause", "--account", "agent:agent:list,pause;masks=1002?", "--account", "monitor:monitor:list", "--account", "guest:guest:none"],
            output, progress, cancellationToken: TestContext.Current.CancellationToken);
        return (exit, output.ToString(), progress.ToString());
    }

    [Fact]
    public async Task A_simulator_under_the_probed_profile_answers_as_a_recorder_with_other_settings_does()
    {
        var (exit, output, _) = await CompareStandaloneAsync(["--set", "refusalOrder=couple-first", "--set", "unknownPathStatus=400"], "--runs", "15", "--seed", "3");

        exit.ShouldBe(0, output);
        output.ShouldContain("answered every request as the recorder did");
    }

    /// <summary>
    /// SES-4 (anonymousSession=refusals, inferred): a recorder that opens a session on its refusals as not logged in alone
    /// was probed as any-request, and the simulator's copy set a cookie on every 404 and 405 to a request without a session
    /// where the recorder set none.
    /// </summary>
    [Fact]
    public async Task SES_4_A_recorder_that_opens_sessions_on_its_refusals_alone_answers_as_the_simulator_does()
    {
        var (exit, output, _) = await CompareStandaloneAsync(["--set", "anonymousSession=refusals"], "--runs", "20", "--seed", "4");

        exit.ShouldBe(0, output);
        output.ShouldContain("answered every request as the recorder did");
    }

    /// <summary>
    /// LST-4 (filterScope=call, inferred): the default world holds a conference, two couples of one call. The simulator
    /// was set up with each couple a call of its own, so a filtered list held one couple there and both on the recorder.
    /// </summary>
    [Fact]
    public async Task LST_4_The_couples_of_one_call_on_the_recorder_are_one_call_on_the_simulator_too()
    {
        var (exit, output, _) = await CompareStandaloneAsync(["--set", "filterScope=call"], "--runs", "30", "--seed", "3");

        exit.ShouldBe(0, output);
        output.ShouldContain("answered every request as the recorder did");
    }

    /// <summary>
    /// DET-3 (outsideAccessStatus=404, unseenCouples=omitted): on a real recorder a 404 for a couple outside the user's
    /// masks may be an end, so the kit reads the user's list to tell; against the simulator its control API tells. That
    /// list is a check of the kit's, sent on one side alone: it was reported as a request the simulator did not answer.
    /// </summary>
    [Fact]
    public async Task DET_3_A_list_the_kit_reads_on_the_recorder_alone_to_tell_an_end_from_a_refusal_is_no_difference()
    {
        var (exit, output, _) = await CompareStandaloneAsync(["--set", "outsideAccessStatus=404", "--set", "unseenCouples=omitted"], "--runs", "40", "--seed", "5");

        exit.ShouldBe(0, output);
        output.ShouldNotContain("no request");
    }

    /// <summary>
    /// A difference is reported with its scenario's number: --run with the same --seed compares that scenario alone; and
    /// --report keeps the comparison's report as a file, as it does a run's.
    /// </summary>
    [Fact]
    public async Task Run_compares_the_one_scenario_it_names_and_report_keeps_the_report()
    {
        var report = Path.Combine(Path.GetTempPath(), $"compare-{Guid.NewGuid():N}.md");
        try
        {
            var (exit, output, progress) = await CompareStandaloneAsync([], "--seed", "5", "--run", "7", "--report", report);

            exit.ShouldBe(0, output);
            progress.ShouldContain("scenario 7, seed 5");
            output.ShouldContain(": 1 scenario(s)");
            (await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken)).ShouldContain(": 1 scenario(s)");
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public async Task LST_1_A_recorder_that_lists_its_couples_in_another_order_answers_as_the_simulator_does()
    {
        // Arrange: the agent sees one couple (a self link) and not the other (none), both on the same IPs so a list by IP
        // holds both, and the recorder lists them newest first.
        var deviant = new Deviant("lists its couples in reverse order", "LST-1", (_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            return request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.EndsWith("/couples.xml", StringComparison.Ordinal)
                ? await WithXml(response, root =>
                {
                    var items = root.Elements().Reverse().ToList();
                    root.RemoveNodes();
                    root.Add(items);
                })
                : response;
        }) { InnerHandler = inner });
        await using var recorder = new InProcessTarget(deviant.Wrap, "recorder");
        await recorder.Control!.ResetAsync(new Scenarios.WorldSpec(1, [.. Accounts], [new Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new Scenarios.CallSpec("5550102", "10011", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        await using var simulator = new InProcessTarget(description: "simulator");

        // Act
        var result = await new Comparison(new ObservedTarget(recorder), simulator, Accounts, [], TimeSpan.Zero, TextWriter.Null) { Seed = 1, Runs = 30 }
            .RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Differences.ShouldBeEmpty("LST-1 fixes no order of the couples listed: a list in another order is the same answer");
    }

    /// <summary>
    /// LST-1: calls start and end on a recorder in use. A call that started after the simulator was set up made the
    /// recorder's list hold one couple more than the simulator's: reported as a difference ("the simulator does not stand
    /// in", exit 3) of a recorder that answered as it should. The simulator is set up again and the scenario compared again.
    /// </summary>
    [Fact]
    public async Task LST_1_A_call_that_starts_on_the_recorder_during_the_comparison_is_no_difference()
    {
        // Arrange: the recorder starts a call once the comparison has listed its couples a few times
        var lists = 0;
        InProcessTarget? recorder = null;
        recorder = new InProcessTarget((_, inner) => new Rewriting(async (request, send) =>
        {
            if (IsList(request) && Interlocked.Increment(ref lists) == 60)
            {
                await recorder!.Control!.StartCallAsync(new Scenarios.CallSpec("5550177", "10077", "10.0.0.7", "10.0.1.77"), CancellationToken.None);
            }

            return await send(request);
        }) { InnerHandler = inner }, "recorder");
        await using var _ = recorder;
        await recorder.Control!.ResetAsync(new Scenarios.WorldSpec(1, [.. Accounts], [new Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new Scenarios.CallSpec("5550102", "10011", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        await using var simulator = new InProcessTarget(description: "simulator");

        // Act
        var result = await new Comparison(new ObservedTarget(recorder), simulator, Accounts, [], TimeSpan.Zero, TextWriter.Null) { Seed = 1, Runs = 30 }
            .RunAsync(TestContext.Current.CancellationToken);

        // Assert
        Volatile.Read(ref lists).ShouldBeGreaterThan(60, "the call started while scenarios ran");
        result.Differences.ShouldBeEmpty(string.Join("\n", result.Differences.Select(d => $"{d.What}: {d.Recorder} / {d.Simulator}")));
        result.Notes.ShouldContain(n => n.StartsWith("the recorder's calls changed during the comparison", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_scenario_starts_after_the_budget_and_the_report_says_how_many_ran()
    {
        // Arrange
        await using var recorder = new InProcessTarget(description: "recorder");
        await recorder.Control!.ResetAsync(new Scenarios.WorldSpec(1, [.. Accounts], [new Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        await using var simulator = new InProcessTarget(description: "simulator");

        // Act: far more scenarios than a second holds
        var result = await new Comparison(new ObservedTarget(recorder), simulator, Accounts, [], TimeSpan.Zero, TextWriter.Null) { Seed = 1, Runs = 100_000, Budget = TimeSpan.FromSeconds(1) }
            .RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Scenarios.ShouldBeLessThan(100_000, "--budget: no scenario starts after it");
        result.Notes.ShouldContain(n => n.StartsWith($"the budget of 1 s ran out after {result.Scenarios} of 100000 scenario(s) (", StringComparison.Ordinal));
    }

    /// <summary>The probe of a real recorder takes minutes, and the budget counts from the command's start: one it spends compares nothing, which is no pass.</summary>
    [Fact]
    public async Task A_budget_spent_before_the_first_scenario_compares_nothing_and_says_so()
    {
        // Arrange: the command began two seconds ago, with a budget of one
        await using var recorder = new InProcessTarget(description: "recorder");
        await recorder.Control!.ResetAsync(new Scenarios.WorldSpec(1, [.. Accounts], [new Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        await using var simulator = new InProcessTarget(description: "simulator");
        var started = TimeProvider.System.GetTimestamp() - (2 * TimeProvider.System.TimestampFrequency);
        var report = new StringWriter();

        // Act
        var result = await new Comparison(new ObservedTarget(recorder), simulator, Accounts, [], TimeSpan.Zero, TextWriter.Null) { Seed = 1, Runs = 10, Budget = TimeSpan.FromSeconds(1), StartedAt = started }
            .RunAsync(TestContext.Current.CancellationToken);
        PauseResume.Conformance.Reports.ComparisonReport.Write(report, result, "recorder", "simulator");

        // Assert
        result.Scenarios.ShouldBe(0);
        result.ExitCode.ShouldBe(PauseResume.Conformance.Kit.KitResult.ExitFaulted);
        report.ToString().ShouldContain("Not compared: the --budget of 1 s was spent before the first scenario could start (");
    }

    /// <summary>
    /// SES-3, SES-4, GEN-1: a recorder whose login and logout answer an HTML page of its own (no XML: a servlet's page
    /// with unclosed tags) and whose refusals carry a servlet container's HTML error page answers as the simulator does
    /// for a client, which reads neither. Compared by their markup and their refusals' media type, an independent
    /// recorder differed on every login, logout and unknown path, and the simulator "did not stand in" (exit 3) for any
    /// such recorder, whatever its profile.
    /// </summary>
    [Fact]
    public async Task A_recorder_with_pages_of_its_own_answers_as_the_simulator_does_where_a_client_looks()
    {
        // Arrange
        const string page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>CallREC</title></head><body><form action=\"loginAction.do\" method=\"post\"><input name=\"login\"><input type=\"password\" name=\"password\"></form></body></html>";
        var deviant = new Deviant("pages of its own", "SES-4", (_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method != HttpMethod.Head && ((int)response.StatusCode >= 400 || path.EndsWith("Action.do", StringComparison.Ordinal)))
            {
                var status = (int)response.StatusCode;
                response.Content = new StringContent(status >= 400 ? $"<!doctype html><html lang=\"en\"><head><title>HTTP Status {status}</title></head><body><h1>HTTP Status {status}</h1><hr class=\"line\"><p><b>Type</b> Status Report</p></body></html>" : page, System.Text.Encoding.UTF8, "text/html");
            }

            return response;
        }) { InnerHandler = inner });

        // Act
        var result = await CompareOneCallAsync(deviant);

        // Assert
        result.Differences.ShouldBeEmpty(string.Join("\n", result.Differences.Select(d => $"{d.What}: {d.Recorder} / {d.Simulator}")));
        result.Requests.ShouldBeGreaterThan(0);
    }

    /// <summary>30 scenarios on <paramref name="deviant"/>, observed as a real recorder with one call in progress, and on a simulator set up like it.</summary>
    private static async Task<ComparisonResult> CompareOneCallAsync(Deviant deviant)
    {
        await using var recorder = new InProcessTarget(deviant.Wrap, "recorder");
        await recorder.Control!.ResetAsync(new Scenarios.WorldSpec(1, [.. Accounts], [new Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        await using var simulator = new InProcessTarget(description: "simulator");
        return await new Comparison(new ObservedTarget(recorder), simulator, Accounts, [], TimeSpan.Zero, TextWriter.Null) { Seed = 1, Runs = 30 }
            .RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task An_answer_the_probe_cannot_see_is_reported_with_both_transcripts()
    {
        // A recorder whose details carry one more element: no profile setting describes that.
        var deviant = new Deviant("details with an extra element", "DET-1", (_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            return request.Method == HttpMethod.Get && System.Text.RegularExpressions.Regex.IsMatch(request.RequestUri!.AbsolutePath, @"/couples\.xml/\d+$")
                ? await WithXml(response, root => root.Add(new XElement("recordingServer", "rs1")))
                : response;
        }) { InnerHandler = inner });
        var result = await CompareOneCallAsync(deviant);

        var difference = result.Differences.ShouldHaveSingleItem();
        difference.What.ShouldBe("GET /callrec/restful/couples.xml/# is answered differently");
        difference.Recorder.ShouldContain("recordingServer");
        difference.Simulator.ShouldNotContain("recordingServer");
        difference.RecorderTranscript.Count.ShouldBeLessThanOrEqualTo(3, "shrunk: a login and the details");
        result.ProbedProfile.ShouldBe("probed");
        difference.ElementsOnlyTheRecorderHas.ShouldBe(["recordingServer"], "all the answers differ in: the report says a client passing over it meets no difference");
        var report = new StringWriter();
        PauseResume.Conformance.Reports.ComparisonReport.Write(report, result, "the recorder", "the simulator");
        report.ToString().ShouldContain("only the recorder's document holds recordingServer, and nothing else differs", Case.Sensitive);
    }

    /// <summary>The elements beyond the simulator's are named only where nothing else differs: another element's shape, or one the simulator has and the recorder not, is a difference of its own.</summary>
    [Theory]
    [InlineData("<couples id=\"1\"><a/><b/><c/></couples>", "<couples id=\"1\"><b/><a/></couples>", "c")]
    [InlineData("<couples id=\"1\"><a/><b x=\"1\"/></couples>", "<couples id=\"1\"><a/><b/></couples>", null)]
    [InlineData("<couples id=\"1\"><a/></couples>", "<couples id=\"1\"><a/><b/></couples>", null)]
    [InlineData("<couples><a/><b/></couples>", "<couples id=\"1\"><a/></couples>", null)]
    [InlineData("<couples id=\"1\"><a/></couples>", "<couples id=\"1\"><a/></couples>", null)]
    public void DET_1_Elements_beyond_the_simulators_are_named_only_where_nothing_else_differs(string recorder, string simulator, string? beyond) =>
        PauseResume.Conformance.Wire.Documents.ElementsBeyond(recorder, simulator).ShouldBe(beyond is null ? null : new[] { beyond });

    [Theory]
    [InlineData("503")]
    [InlineData("simulator fault")]
    [InlineData("cut")]
    [InlineData("timeout")]
    public async Task A_step_a_fault_met_ends_that_scenarios_comparison_unjudged_and_is_listed_not_a_difference(string fault)
    {
        // Arrange: a recorder like the simulator, but every fourth details request meets a fault
        var details = new System.Runtime.CompilerServices.StrongBox<int>();
        var faulty = new Deviant($"details meet a {fault}", "DET-1", (_, inner) => new Rewriting(async (request, send) =>
        {
            var isDetails = request.Method == HttpMethod.Get && System.Text.RegularExpressions.Regex.IsMatch(request.RequestUri!.AbsolutePath, @"/couples\.xml/\d+$");
            if (!isDetails || Interlocked.Increment(ref details.Value) % 4 != 0)
            {
                return await send(request);
            }

            return fault switch
            {
                "503" => new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable) { Content = new StringContent("Service Unavailable") },
                "simulator fault" => WithFaultHeader(await send(request)),
                "cut" => throw new HttpRequestException(HttpRequestError.ResponseEnded, "the answer ended early"),
                _ => throw new TaskCanceledException("no answer in time", new TimeoutException()),
            };
        }) { InnerHandler = inner });
        await using var recorder = new InProcessTarget(faulty.Wrap, "recorder");
        await recorder.Control!.ResetAsync(new Scenarios.WorldSpec(1, [.. Accounts], [new Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        await using var simulator = new InProcessTarget(description: "simulator");
        var output = new StringWriter();

        // Act
        var result = await new Comparison(new ObservedTarget(recorder), simulator, Accounts, [], TimeSpan.Zero, TextWriter.Null) { Seed = 1, Runs = 20 }
            .RunAsync(TestContext.Current.CancellationToken);
        PauseResume.Conformance.Reports.ComparisonReport.Write(output, result, "recorder", "simulator");

        // Assert
        result.Differences.ShouldBeEmpty($"an answer a fault met says nothing of the recorder\n{output}");
        result.Faults.ShouldNotBeEmpty(output.ToString());
        result.Faults.ShouldAllBe(f => f.Side == "recorder");
        result.ExitCode.ShouldBe(PauseResume.Conformance.Kit.KitResult.ExitFaulted, output.ToString());
        output.ToString().ShouldContain("Faults met:");
        output.ToString().ShouldContain("FAULT scenario ");
    }

    private static HttpResponseMessage WithFaultHeader(HttpResponseMessage response)
    {
        response.Headers.Add("X-Simulator-Fault", "flaky");
        return response;
    }
}
