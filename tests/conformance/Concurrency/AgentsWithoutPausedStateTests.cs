using System.Runtime.CompilerServices;
using PauseResume.Conformance.Cli;
using PauseResume.Conformance.Concurrency;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Reports;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Hosting;

namespace PauseResume.Conformance.Tests.Concurrency;

/// <summary>
/// --agents against a server whose details name the paused state otherwise (the element's name is our inference, DET-1
/// documents only an XML document): the couples' linearizability is "not checked", with the reason, and the run is no
/// failure and no unusable target.
/// </summary>
public sealed class AgentsWithoutPausedStateTests
{
    private static readonly ModelUser[] Accounts = [new("admin", "admin", true, true, [])];

    /// <summary>Details without their <c>paused</c> element; every pausedState request is counted.</summary>
    private static Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler> WithoutPaused(StrongBox<int>? pauses = null) => (_, inner) => new Rewriting(async (request, send) =>
    {
        if (Rewriting.IsPausedState(request) && request.Method != HttpMethod.Get && pauses is not null)
        {
            Interlocked.Increment(ref pauses.Value);
        }

        var response = await send(request);
        return request.Method == HttpMethod.Get && System.Text.RegularExpressions.Regex.IsMatch(request.RequestUri!.AbsolutePath, @"/couples\.xml/\d+$")
            ? await Rewriting.WithXml(response, root => System.Xml.Linq.Extensions.Remove(root.Elements().Where(e => e.Name.LocalName == "paused")))
            : response;
    }) { InnerHandler = inner };

    [Fact]
    public async Task Details_without_a_paused_element_leave_every_history_not_checked_and_the_run_exits_0()
    {
        // Arrange
        var output = new StringWriter();
        var errors = new StringWriter();

        // Act
        var exit = await KitCommand.RunAsync(["--agents", "4", "--operations", "200", "--seed", "2"], output, errors, () => new InProcessTarget(WithoutPaused()), TestContext.Current.CancellationToken);
        var gated = await KitCommand.RunAsync(["--agents", "4", "--operations", "200", "--seed", "2", "--require-all"], TextWriter.Null, TextWriter.Null, () => new InProcessTarget(WithoutPaused()), TestContext.Current.CancellationToken);

        // Assert
        exit.ShouldBe(KitResult.ExitConformant, $"GEN-3 is not checked, which is no failure and no unusable target\n{output}\n{errors}");
        output.ToString().ShouldContain("Not checked: no couple's history could be checked");
        output.ToString().ShouldContain("NOT CHECKED couple ");
        output.ToString().ShouldContain("showed a paused element with true or false");
        output.ToString().ShouldNotContain("Linearizable", Case.Sensitive, "an inference is not passed off as a fact");
        gated.ShouldBe(KitResult.ExitUnchecked, "--require-all: a couple not checked fails the gate");
    }

    [Fact]
    public async Task Details_that_show_the_paused_state_only_now_and_then_still_check_every_history_with_the_reads_that_show_it()
    {
        // Arrange: every other details answer without its paused element
        var output = new StringWriter();
        var details = new StrongBox<int>();
        Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler> nowAndThen = (_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            var isDetails = request.Method == HttpMethod.Get && System.Text.RegularExpressions.Regex.IsMatch(request.RequestUri!.AbsolutePath, @"/couples\.xml/\d+$");
            return isDetails && Interlocked.Increment(ref details.Value) % 2 == 0
                ? await Rewriting.WithXml(response, root => System.Xml.Linq.Extensions.Remove(root.Elements().Where(e => e.Name.LocalName == "paused")))
                : response;
        }) { InnerHandler = inner };

        // Act
        var exit = await KitCommand.RunAsync(["--agents", "4", "--operations", "200", "--seed", "2", "--require-all"], output, TextWriter.Null, () => new InProcessTarget(nowAndThen), TestContext.Current.CancellationToken);

        // Assert
        details.Value.ShouldBeGreaterThan(2, "the agents read details");
        exit.ShouldBe(KitResult.ExitConformant, $"GEN-3 and PSE-1 checked on every couple with the reads that showed the state\n{output}");
        output.ToString().ShouldNotContain("NOT CHECKED", Case.Sensitive, "a read without the state is left out; it does not leave a whole history unchecked");
    }

    [Fact]
    public async Task On_a_real_recorder_a_couple_whose_state_cannot_be_read_is_not_paused_and_reported_not_checked()
    {
        // Arrange: the simulator observed only, as a real recorder, with one couple in progress on the allow-list
        var pauses = new StrongBox<int>();
        await using var inner = new InProcessTarget(WithoutPaused(pauses));
        var couples = await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var id = couples.ShouldHaveSingleItem().Id;
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [id], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new AgentsRun(recorder, new AgentsPlan(2, 20, 1, TimeSpan.Zero, TimeSpan.FromSeconds(10)), TextWriter.Null) { Real = real, Accounts = Accounts }
            .RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var report = AgentsReport.Text(result, "replay");
        result.ExitCode().ShouldBe(KitResult.ExitConformant, report);
        result.Couples.ShouldHaveSingleItem().NotChecked.ShouldNotBeNull(report).ShouldContain("it was not paused");
        report.ShouldContain("Not checked");
        pauses.Value.ShouldBe(0, "a couple whose state cannot be read cannot be put back as found, so it is never paused");
    }
}
