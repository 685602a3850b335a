using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Domain;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>The kit must catch servers that break the rules, and name the rule each one breaks.</summary>
public sealed class DeviantRecorderTests
{
    public static TheoryData<string> Deviants => new(DeviantRecorders.All.Select(d => d.Name));

    [Fact]
    public void There_are_at_least_12_deviant_recorders_covering_sessions_lists_details_and_pauses()
    {
        DeviantRecorders.All.Count.ShouldBeGreaterThanOrEqualTo(12);
        DeviantRecorders.All.Select(d => d.BreaksRule[..3]).Distinct().ShouldBe(["SES", "LST", "DET", "PSE"], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Deviants))]
    public async Task The_kit_fails_a_deviant_recorder_and_names_the_rule_it_breaks(string name)
    {
        var deviant = DeviantRecorders.All.Single(d => d.Name == name);
        await using var target = new InProcessTarget(deviant.Wrap, deviant.Name);
        var kit = new ConformanceKit(target, RecorderProfile.Default, TextWriter.Null) { Seed = 20261127, Runs = 300 };

        var result = await kit.RunAsync();

        result.Conformant.ShouldBeFalse($"the kit passed a recorder that {deviant.Name}");
        result.Failure!.Check.Rule.ShouldBe(deviant.BreaksRule, $"{deviant.Name}: {result.Failure.Check.What}; expected {result.Failure.Check.Expected}, actual {result.Failure.Check.Actual}\n{string.Join("\n", result.Failure.Trace)}");
        result.Rules.Single(r => r.Rule.Id == deviant.BreaksRule).Status.ShouldBe(RuleStatus.Failed);
    }

    [Theory]
    [InlineData("does not accept PUT")]
    [InlineData("logs in without a cookie")]
    [InlineData("shows the self link without access")]
    public async Task A_failure_is_shrunk_to_a_few_steps_that_end_on_the_broken_rule(string name)
    {
        var deviant = DeviantRecorders.All.Single(d => d.Name == name);
        await using var target = new InProcessTarget(deviant.Wrap, deviant.Name);
        var kit = new ConformanceKit(target, RecorderProfile.Default, TextWriter.Null) { Seed = 20261127, Runs = 300 };

        var failure = (await kit.RunAsync()).Failure!;

        failure.Scenario.Steps.Length.ShouldBeLessThanOrEqualTo(4, string.Join("\n", failure.Trace));
        failure.Trace.Count.ShouldBe(failure.FailingStep + 1, "the trace ends at the failing step");
        failure.Scenario.World.Calls.Length.ShouldBeLessThanOrEqualTo(2, "calls not needed for the failure are shrunk away");
    }

    [Fact]
    public async Task The_same_seed_finds_the_same_failure_and_one_run_replays_it()
    {
        var deviant = DeviantRecorders.All.Single(d => d.Name == "treats BOTH as CALLING");
        await using var first = new InProcessTarget(deviant.Wrap);
        await using var second = new InProcessTarget(deviant.Wrap);
        await using var third = new InProcessTarget(deviant.Wrap);

        var a = (await new ConformanceKit(first, RecorderProfile.Default, TextWriter.Null) { Seed = 99, Runs = 300 }.RunAsync()).Failure!;
        var b = (await new ConformanceKit(second, RecorderProfile.Default, TextWriter.Null) { Seed = 99, Runs = 300 }.RunAsync()).Failure!;
        var replay = await new ConformanceKit(third, RecorderProfile.Default, TextWriter.Null) { Seed = 99, OnlyRun = a.Run }.RunAsync();

        b.Trace.ShouldBe(a.Trace);
        replay.Runs.ShouldBe(1);
        replay.Failure!.Trace.ShouldBe(a.Trace);
    }
}
