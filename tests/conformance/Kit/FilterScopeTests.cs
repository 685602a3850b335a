using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// LST-3, LST-4 under filterScope: which couples of a call a filtered list holds is inferred, so a list that differs from
/// the profile only by other legs of the calls found differs on LST-4, never breaks LST-3, whichever way round and on any
/// target.
/// </summary>
public sealed class FilterScopeTests
{
    private static string Explain(KitResult result) =>
        string.Join("\n", result.Rules.Where(r => r.Status is RuleStatus.Failed or RuleStatus.Differs).Select(r => $"{r.Rule.Id} {r.Status}: {r.Detail}\n  {string.Join("\n  ", r.Failure?.Trace ?? [])}"));

    /// <summary>A profile that says filterScope=call (measured) against a recorder that lists the couples alone: the legs left out differ.</summary>
    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public async Task LST_4_Legs_left_out_where_filterScope_call_expected_them_differ_and_break_nothing(int seed)
    {
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, [])];
        CallSpec[] calls = [.. Enumerable.Range(0, 3).Select(i => new CallSpec($"55501{i:D2}", $"100{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        await using var inner = new InProcessTarget();
        var served = KitProfile.Default with { Measured = [ProfileSettings.SessionsPerUser] };
        inner.Control!.ServerProfile = ProfileJson.Write(served.With(ProfileSettings.FilterMatch, "prefix").Profile!);
        var profile = served.With(ProfileSettings.FilterScope, "call").Profile! with { Measured = [ProfileSettings.SessionsPerUser, ProfileSettings.FilterScope] };
        var started = await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken);
        var ids = started.Select(c => c.Id).ToList();
        foreach (var (couple, i) in started.Take(2).Select((c, i) => (c, i)))
        {
            await inner.Control.StartCallAsync(new CallSpec($"20{i}", $"30{i}", $"10.0.2.{i + 1}", $"10.0.3.{i + 1}"), TestContext.Current.CancellationToken, couple.CallId);
        }

        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var result = await new ConformanceKit(recorder, profile, TextWriter.Null) { Seed = seed, Runs = 80, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);
        result.Broken.ShouldBeEmpty(Explain(result));
    }

    /// <summary>
    /// A recorder that lists whole calls (with maskScope=call, which a run never guesses, beside it) checked against the
    /// default profile, on a simulator the kit controls: the extra legs differ on LST-4, never break LST-3.
    /// </summary>
    [Theory]
    [InlineData("filterScope=call,maskScope=call")]
    [InlineData("filterScope=call,maskScope=call,unseenCouples=omitted")]
    [InlineData("maskScope=call,unseenCouples=omitted")]
    public async Task LST_4_A_recorder_listing_whole_calls_breaks_nothing_against_the_default_profile(string settings)
    {
        var problems = new List<string>();
        for (var seed = 1; seed <= 6; seed++)
        {
            ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["100*"]), new("kiosk", "kiosk", false, false, []), new("guest", "guest", false, true, []), new("viewer", "viewer", true, false, [])];
            CallSpec[] calls = [.. Enumerable.Range(0, 4).Select(i => new CallSpec($"55501{i:D2}", $"100{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
            await using var inner = new InProcessTarget();
            var served = KitProfile.Default;
            foreach (var kv in settings.Split(',')) { var p = kv.Split('='); served = served.With(p[0], p[1]).Profile!; }
            served = served with { Measured = [ProfileSettings.SessionsPerUser, .. settings.Split(',').Select(kv => kv.Split('=')[0])] };
            inner.Control!.ServerProfile = ProfileJson.Write(served);
            var started = await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken);
            foreach (var (couple, i) in started.Take(2).Select((c, i) => (c, i)))
            {
                await inner.Control.StartCallAsync(new CallSpec($"20{i}", $"10{i}99", $"10.0.2.{i + 1}", $"10.0.3.{i + 1}"), TestContext.Current.CancellationToken, couple.CallId);
            }

            var progress = new StringWriter();
            var result = await new ConformanceKit(inner, KitProfile.Default, progress) { Seed = seed, Runs = 60 }.RunAsync(TestContext.Current.CancellationToken);
            if (result.Broken.Any())
            {
                problems.Add($"seed {seed}: {Explain(result)}\n{progress}");
            }
        }

        problems.ShouldBeEmpty();
    }
}
