using PauseResume.Conformance.Cli;
using PauseResume.Conformance.Kit;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Faults;

/// <summary>
/// The kit against a standalone simulator with faults switched on: a step a fault met is reported as such, never as a
/// broken rule, and what it could not judge stays "not checked"; concurrent agents raise no false alarm.
/// </summary>
public sealed class KitUnderFaultsTests
{
    [Fact]
    public async Task Scenarios_that_meet_a_fault_report_it_with_exit_code_5_and_no_rule_broken_or_different()
    {
        await using var simulator = await StandaloneSimulator.StartAsync(
            "--urls", "http://127.0.0.1:0",
            "--fault", "abort,name=cut,path=/callrec/restful/couples.xml/*,probability=0.1,seed=2",
            "--fault", "status,name=down,path=/callrec/logoutAction.do,status=503,probability=0.3,seed=3");
        var output = new StringWriter();

        var exit = await KitCommand.RunAsync(
            ["--target", simulator.Address.AbsoluteUri, "--runs", "30", "--max-runs", "30", "--seed", "4"], output, TextWriter.Null, cancellationToken: TestContext.Current.CancellationToken);

        var text = output.ToString();
        exit.ShouldBe(KitResult.ExitFaulted, text);
        text.ShouldContain("Faults met: no rule broken in the steps judged");
        text.ShouldMatch(@"cut × \d+");
        text.ShouldMatch(@"down, 503 × \d+|down × \d+");
        text.ShouldContain("FAULT scenario ");
        text.ShouldNotContain("  FAIL  ");
        text.ShouldNotContain("  DIFF  ");
    }

    [Fact]
    public async Task A_latency_fault_changes_no_answer_so_its_header_ends_no_scenario()
    {
        // Arrange: every API request answered late (the header names the fault), and every logout cut by a restart
        await using var simulator = await StandaloneSimulator.StartAsync(
            "--urls", "http://127.0.0.1:0",
            "--fault", "latency,name=slow,path=/callrec/*,latencyMs=1,probability=1",
            "--fault", "restart,name=reboot,path=/callrec/logoutAction.do,probability=1");
        var output = new StringWriter();
        var errors = new StringWriter();

        // Act
        var exit = await KitCommand.RunAsync(
            ["--target", simulator.Address.AbsoluteUri, "--runs", "12", "--max-runs", "12", "--seed", "4"], output, errors, cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        var text = output.ToString();
        simulator.Output.ShouldContain(l => l.Contains("fault slow (latency)", StringComparison.Ordinal), "the latency fault hit");
        exit.ShouldBe(KitResult.ExitFaulted, $"a restart may have changed what the model expects: its step is still a fault\n{text}");
        text.ShouldMatch(@"reboot(, slow|, reboot)* × \d+|slow, reboot × \d+", "only the restart is counted a fault");
        text.ShouldNotMatch(@"(^|[ ,(])slow × \d+", "X-Simulator-Fault naming only a latency fault: the answer is judged like any other");
        text.ShouldNotContain("  FAIL  ");
        text.ShouldNotContain("  DIFF  ");
        errors.ToString().ShouldContain("met a fault at step");
    }

    [Fact]
    public async Task Concurrent_agents_meeting_aborted_and_cut_answers_raise_no_alarm_and_the_pause_history_is_linearizable()
    {
        await using var simulator = await StandaloneSimulator.StartAsync(
            "--urls", "http://127.0.0.1:0",
            "--fault", "abort,name=cut,path=/callrec/*/pausedState,probability=0.1,seed=6",
            "--fault", "truncate,name=half,path=/callrec/restful/couples.xml/*,probability=0.1,seed=7");
        var output = new StringWriter();

        var exit = await KitCommand.RunAsync(
            ["--target", simulator.Address.AbsoluteUri, "--agents", "6", "--operations", "600", "--seed", "8"], output, TextWriter.Null, cancellationToken: TestContext.Current.CancellationToken);

        var text = output.ToString();
        exit.ShouldBe(KitResult.ExitConformant, $"GEN-3: an answer a fault cut may or may not have taken effect; the history decides\n{text}");
        text.ShouldContain("Linearizable");
        text.ShouldNotMatch(@" 0 without an answer", "the faults did cut answers");
        simulator.Output.ShouldContain(l => l.Contains("fault cut (abort)", StringComparison.Ordinal));
        simulator.Output.ShouldContain(l => l.Contains("fault half (truncate)", StringComparison.Ordinal));
    }
}
