using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Probe;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// Long work shows progress. Against an independent recorder that answered slowly, a run said nothing for over three
/// minutes (it wrote a line every tenth of its scenarios, seven of which took that long), a probe for two, and a run
/// against a recorder with 308 calls in progress for a minute before its first line, while it read each one's details.
/// </summary>
public sealed class RunProgressTests
{
    [Fact]
    public async Task A_scenario_that_ends_long_after_the_last_line_says_how_many_have_run()
    {
        // Arrange: every scenario ends past the interval (zero), though ten of them are far from a tenth of the run
        await using var inner = new InProcessTarget();
        var progress = new StringWriter();
        var kit = new ConformanceKit(inner, KitProfile.Default, progress) { Seed = 5, Runs = 30, MaxRuns = 3, ProgressEvery = TimeSpan.Zero };

        // Act
        await kit.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var said = progress.ToString();
        said.ShouldContain("  1 scenario(s) run;", customMessage: said);
        said.ShouldContain("  2 scenario(s) run;", customMessage: said);
    }

    [Fact]
    public async Task The_probe_says_what_it_turns_to_as_it_goes()
    {
        // Arrange
        await using var inner = new InProcessTarget();
        var progress = new StringWriter();

        // Act
        await new Prober(inner, [], [], TimeSpan.Zero) { Progress = progress }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var said = progress.ToString();
        said.ShouldContain("  probing logins, sessions and logouts", customMessage: said);
        said.ShouldContain("  probing pauses:", customMessage: said);
    }

    [Fact]
    public async Task Observing_a_recorder_with_many_calls_in_progress_says_it_reads_each_ones_details()
    {
        // Arrange: the simulator observed as a real recorder, with 30 calls in progress
        await using var inner = new InProcessTarget();
        PauseResume.Conformance.Model.ModelUser[] accounts = [new("admin", "admin", true, true, [])];
        var calls = Enumerable.Range(0, 30).Select(i => new PauseResume.Conformance.Scenarios.CallSpec($"55501{i:00}", $"100{i:00}", "10.0.0.5", "10.0.1.21")).ToList();
        await inner.Control!.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken);
        var progress = new StringWriter();

        // Act
        var real = await RealWorld.ObserveAsync(new ObservedTarget(inner), accounts, [], false, TimeSpan.Zero, TestContext.Current.CancellationToken, progress: progress);

        // Assert
        real.Couples.Count.ShouldBe(30);
        progress.ToString().ShouldContain("reading the details of the 30 couples in progress");
    }
}
