using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Targets;

/// <summary>The kit against a standalone simulator whose manual clock it moves, with call-centre traffic running.</summary>
public sealed class TrafficTargetTests
{
    [Fact]
    public async Task A_standalone_simulator_on_a_manual_clock_is_a_target_whose_time_the_kit_moves()
    {
        // Arrange
        await using var simulator = await StandaloneSimulator.StartAsync("--clock", "manual");
        await using var target = await HttpTarget.ConnectAsync(simulator.Address, controlToken: null, TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = simulator.Address };

        // Act
        await target.AdvanceTimeAsync(TimeSpan.FromMinutes(31), TestContext.Current.CancellationToken);
        var clock = await http.GetStringAsync("/simulator/clock", TestContext.Current.CancellationToken);

        // Assert
        target.Clock.ShouldBe(ClockKind.Virtual, "SES-6 is checked by moving the clock, not by waiting");
        clock.ShouldContain("\"mode\": \"manual\"");
        var now = System.Text.Json.JsonDocument.Parse(clock).RootElement.GetProperty("now").GetDateTimeOffset();
        (now - TimeProvider.System.GetUtcNow()).ShouldBeGreaterThan(TimeSpan.FromMinutes(30), "the clock moved by 31 minutes at once");
    }

    [Fact]
    public async Task A_simulator_on_a_scaled_clock_is_refused_as_a_target_rather_than_judged_on_sessions_that_expire_at_its_pace()
    {
        // Arrange: sessions would expire sixty times faster than the kit times them (SES-6)
        await using var simulator = await StandaloneSimulator.StartAsync("--clock", "scaled:60");

        // Act
        var refused = await Should.ThrowAsync<TargetException>(() => HttpTarget.ConnectAsync(simulator.Address, controlToken: null, TestContext.Current.CancellationToken));

        // Assert
        refused.Message.ShouldContain("runs a scaled clock: set it to real or manual", customMessage: "a usage problem (exit 2), never a broken rule");
    }

    [Fact]
    public async Task The_kit_passes_against_a_simulator_with_traffic_running_on_its_clock()
    {
        // Arrange: a busy call centre on the clock the kit moves (couples start, transfer and end on their own)
        await using var simulator = await StandaloneSimulator.StartAsync("--clock", "manual", "--traffic", "1200,seed=5,meanDurationSeconds=120,transferShare=0.3,conferenceShare=0.2");
        await using var target = await HttpTarget.ConnectAsync(simulator.Address, controlToken: null, TestContext.Current.CancellationToken);
        var kit = new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = 11, Runs = 60 };

        // Act
        var result = await kit.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        using var http = new HttpClient { BaseAddress = simulator.Address };
        var traffic = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/simulator/traffic", TestContext.Current.CancellationToken)).RootElement;
        traffic.GetProperty("started").GetInt64().ShouldBeGreaterThan(0, "traffic ran while the kit moved the clock");
        traffic.GetProperty("ended").GetInt64().ShouldBeGreaterThan(0, "couples ended mid-run");
        result.Failures.ShouldBeEmpty(result.Failure is { } f ? $"{f.Check.Rule}: {f.Check.What}; expected {f.Check.Expected}, actual {f.Check.Actual}\n{string.Join("\n", f.Trace)}" : null);
        result.Rules.Where(r => r.Rule.Id == "SES-6").ShouldHaveSingleItem().Status.ShouldBe(RuleStatus.Passed);
    }

    /// <summary>
    /// Where calls come and go, a couple the kit only saw listed may end before the kit ends it; one of the kit's own
    /// never does there, so a control API that says it is gone is a simulator that lost it, not a legal event.
    /// </summary>
    [Fact]
    public async Task A_simulator_with_traffic_that_says_a_couple_of_the_kits_own_had_ended_on_its_own_is_not_excused()
    {
        // Arrange: ending a couple, the control API ends it and answers 404, as if it had ended on its own meanwhile
        await using var target = new InProcessTarget((recorder, inner) => new Rewriting(async (request, send) =>
        {
            if (request.Method == HttpMethod.Delete && request.RequestUri!.AbsolutePath.StartsWith("/simulator/calls/", StringComparison.Ordinal)
                && long.TryParse(request.RequestUri.Segments[^1], out var id) && recorder.Recorder.EndCall(id))
            {
                return new HttpResponseMessage(System.Net.HttpStatusCode.NotFound);
            }

            return await send(request);
        }) { InnerHandler = inner }) { CallsComeAndGo = true };
        var kit = new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = 3, Runs = 30 };

        // Act
        var refused = await Should.ThrowAsync<TargetException>(() => kit.RunAsync(TestContext.Current.CancellationToken));

        // Assert
        refused.Message.ShouldContain("could not end couple");
    }
}
