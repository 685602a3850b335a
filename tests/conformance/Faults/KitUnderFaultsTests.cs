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
