using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// LST-3 on a recorder the kit only observes: a few fixed couples, accounts of every kind, and most lists sent in a
/// session not logged in, by an account without Call List, or filtered by what no couple carries. A list filtered with a
/// direction of one side tells a direction read from one ignored only where another couple carries the value on the
/// other side; the kit counts those checks apart, aims scenarios at LST-3 until it has enough of them, and with such a
/// direction picks a value only the other side carries. A recorder that reads every direction as BOTH was caught by one
/// seed in three before.
/// </summary>
public sealed class DirectionOnARealRecorderTests
{
    private static readonly ModelUser[] Accounts =
    [
        new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["1002?"]), new("monitor", "monitor", true, false, []),
        new("auditor", "auditor", true, false, ["6*"]), new("kiosk", "kiosk", false, false, []),
    ];

    // Extensions on either side of the calls, as inbound and outbound calls put them.
    private static readonly CallSpec[] Calls =
    [
        new("5551234", "10021", "10.0.0.10", "10.0.1.10"), new("10022", "5559876", "10.0.1.11", "10.0.0.11"),
        new("7771000", "10050", "10.0.0.12", "10.0.1.12"), new("10023", "5550000", "10.0.1.13", "10.0.0.13"),
    ];

    private static async Task<KitResult> CheckAsync(InProcessTarget inner, int seed)
    {
        var ids = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [.. Calls]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, ids, allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        return await new ConformanceKit(recorder, KitProfile.Default, TextWriter.Null) { Seed = seed, Runs = 30, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);
    }

    private static string Explain(KitResult result) =>
        string.Join("\n", result.Rules.Select(r => $"{r.Rule.Id} {r.Status}: {r.Detail}\n  {string.Join("\n  ", r.Failure?.Trace ?? [])}"));

    [Theory]
    [InlineData("CALLING", 1, "10021")]
    [InlineData("CALLED", 5, "7771000")]
    [InlineData("CALLING", 0, "10050")]
    [InlineData("BOTH", 1, "10022")]
    [InlineData("CALLING", 3, "10050")]
    public void LST_3_A_filter_of_one_side_picks_now_and_then_a_value_only_the_other_side_carries(string direction, int index, string picked)
    {
        // Arrange: 10050 stands on both sides; 10021 and 7771000 only on the called and the calling side
        IReadOnlyList<string> known = ["10021", "10022", "10023", "10050", "7771000"];
        var onlyOtherSide = direction == "CALLING" ? new[] { "10021" } : ["7771000"];

        // Act
        var value = new FilterSpec(ValueKind.Known, index, direction).Resolve(known, ["10050"], [], [], onlyOtherSide);

        // Assert
        value.ShouldBe(picked, "picks 1, 5 and 9 of a direction of one side take a value only the other side carries; 0 one on both sides; the rest as before");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task LST_3_A_recorder_that_reads_a_direction_of_one_side_as_BOTH_is_caught_on_every_seed(int seed)
    {
        // Arrange
        var deviant = DeviantRecorders.All.Single(d => d.Name == "ignores the direction of a filter");
        await using var inner = new InProcessTarget(deviant.Wrap, deviant.Name);

        // Act
        var result = await CheckAsync(inner, seed);

        // Assert
        result.Broken.Select(r => r.Rule.Id).ShouldBe(["LST-3"], Explain(result));
    }

    /// <summary>
    /// Where no couple can tell a direction (each carries one number and one address on both sides), scenarios aimed at
    /// LST-3's part find none: the run aims a few and stops, rather than the 25 a rule without checks gets.
    /// </summary>
    [Fact]
    public async Task LST_3_Where_no_couple_can_tell_a_direction_few_scenarios_are_aimed_at_it()
    {
        // Arrange
        ModelUser[] accounts = [new("admin", "admin", true, true, [])];
        await using var inner = new InProcessTarget(description: "faithful");
        var ids = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("10021", "10021", "10.0.0.1", "10.0.0.1")]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, ids, allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, KitProfile.Default, TextWriter.Null) { Seed = 1, Runs = 20, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var lst3 = result.Rules.Single(r => r.Rule.Id == "LST-3");
        lst3.Detail.ShouldContain(" 0 of them with a direction of one side", Case.Sensitive, Explain(result));
        result.Runs.ShouldBeLessThan(20 + 25, $"no 25 scenarios aimed at a part nothing can tell: {result.Runs} run\n{Explain(result)}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task LST_3_A_faithful_recorder_passes_with_checks_that_tell_a_direction_counted_apart(int seed)
    {
        // Arrange
        await using var inner = new InProcessTarget(description: "faithful");

        // Act
        var result = await CheckAsync(inner, seed);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        var lst3 = result.Rules.Single(r => r.Rule.Id == "LST-3");
        lst3.Status.ShouldBe(RuleStatus.Passed, Explain(result));
        var telling = System.Text.RegularExpressions.Regex.Match(lst3.Detail, "([0-9]+) of them with a direction of one side");
        telling.Success.ShouldBeTrue(lst3.Detail);
        int.Parse(telling.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(3, $"the kit aims scenarios at LST-3 until 3 checks tell a direction: {lst3.Detail}");
    }
}
