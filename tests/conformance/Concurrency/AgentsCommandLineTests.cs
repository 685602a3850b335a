using PauseResume.Conformance.Cli;

namespace PauseResume.Conformance.Tests.Concurrency;

/// <summary>--agents from the command line: its options are checked, and a run writes its reports.</summary>
public sealed class AgentsCommandLineTests
{
    [Theory]
    [InlineData("--agents 1", "--agents needs a whole number of at least 2")]
    [InlineData("--agents 65", "--agents needs from 2 to 64 agents")]
    [InlineData("--agents 8 --operations 4", "--operations must be at least --agents")]
    [InlineData("--agents 4 --probe p.json", "--agents is a run of its own")]
    [InlineData("--agents 4 --op-timeout 0", "--op-timeout needs a whole number of at least 1")]
    public async Task Bad_options_exit_2_with_a_message_that_names_them(string args, string message)
    {
        var errors = new StringWriter();

        var exit = await KitCommand.RunAsync(args.Split(' '), TextWriter.Null, errors, cancellationToken: TestContext.Current.CancellationToken);

        exit.ShouldBe(2, errors.ToString());
        errors.ToString().ShouldContain(message);
    }

    [Fact]
    public async Task A_run_on_the_in_process_simulator_exits_0_and_writes_a_Markdown_report_with_a_line_per_couple()
    {
        var report = Path.GetTempFileName();
        var output = new StringWriter();

        var exit = await KitCommand.RunAsync(["--agents", "4", "--operations", "400", "--seed", "9", "--report", report], output, TextWriter.Null, cancellationToken: TestContext.Current.CancellationToken);

        exit.ShouldBe(0, output.ToString());
        output.ToString().ShouldContain("4 agents, 400 operations on 6 couple(s)");
        output.ToString().ShouldContain("; 412 in the couples' histories, with the reads before and after)");
        var markdown = await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken);
        markdown.ShouldContain("| couple | shared | operations | no answer | verdict |");
        markdown.Split('\n').Count(l => l.EndsWith("| linearizable |", StringComparison.Ordinal)).ShouldBe(6);
        markdown.ShouldContain("--agents 4 --operations 400 --seed 9");
        File.Delete(report);
    }
}
