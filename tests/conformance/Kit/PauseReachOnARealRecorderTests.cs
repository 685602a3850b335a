using System.Net.Http.Headers;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// pauseScope (PSE-1's reach is inferred) on a real recorder: the probe's pause of one leg of a call and the run's
/// clean-up put back only what the kit's own pauses may have changed, never an agent's hold, never a couple outside
/// --couple; and the kit's reading of pausedParameter=spring is the simulator's.
/// </summary>
public sealed class PauseReachOnARealRecorderTests
{
    private static readonly PauseResume.Conformance.Model.ModelUser[] Accounts = [new("admin", "admin", true, true, [])];

    /// <summary>An agent puts the other leg (B) on hold after the probe chose the pair and before it paused anything.</summary>
    [Theory]
    [InlineData("couple")]
    [InlineData("call")]
    public async Task PSE_1_A_hold_put_on_before_the_probes_pause_is_left_alone(string scope)
    {
        long a = 0, b = 0;
        var sawPost = false;
        var lastGet = 0L;
        var held = false;
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            var segments = request.RequestUri!.AbsolutePath.Split('/');
            if (Rewriting.IsPausedState(request) && request.Method != HttpMethod.Get)
            {
                sawPost = true;
            }
            else if (request.Method == HttpMethod.Get && segments[^2] == "couples.xml" && long.TryParse(segments[^1], out var id))
            {
                if (sawPost && !held && id == a && lastGet == b)
                {
                    held = true;
                    var hold = new HttpRequestMessage(HttpMethod.Post, new Uri(request.RequestUri, $"/callrec/restful/couples.xml/{b}/pausedState"))
                    {
                        Content = new StringContent("paused=true", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
                    };
                    foreach (var h in request.Headers.Where(h => h.Key == "Cookie"))
                    {
                        hold.Headers.TryAddWithoutValidation(h.Key, h.Value);
                    }

                    (await send(hold)).IsSuccessStatusCode.ShouldBeTrue("the agent's hold");
                }

                lastGet = id;
            }

            return await send(request);
        }) { InnerHandler = handler });
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.PauseScope, scope).Profile! with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. Accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        a = couples.Single().Id;
        b = (await inner.Control.StartCallAsync(new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10023", "10.0.0.5", "10.0.1.23"), TestContext.Current.CancellationToken, couples.Single().CallId)).Id;

        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), Accounts, [a, b], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        var summary = string.Join("\n", probe.Summary);
        held.ShouldBeTrue(summary);
        var states = await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken);
        states.Single(c => c.Id == b).Paused.ShouldBeTrue("the agent's hold of couple B must be left alone\n" + summary);
    }

    /// <summary>The named leg ends right after the probe's pause took (a transfer): under pauseScope=call the pause reached the other leg.</summary>
    [Fact]
    public async Task PSE_1_The_other_leg_is_put_back_when_the_named_one_ends_under_the_probes_pause()
    {
        long a = 0, b = 0;
        var gets = new List<long>();
        await using var inner = new InProcessTarget((fake, handler) => new Rewriting(async (request, send) =>
        {
            var segments = request.RequestUri!.AbsolutePath.Split('/');
            if (request.Method == HttpMethod.Get && segments[^2] == "couples.xml" && long.TryParse(segments[^1], out var read))
            {
                gets.Add(read);
            }

            var bRead = gets.Count >= 4 && gets[^4] == a && gets[^3] == b && gets[^2] == a && gets[^1] == b;

            var pause = bRead && Rewriting.IsPausedState(request) && request.Method == HttpMethod.Post && segments[^2] == a.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && ((await Rewriting.FormOf(request)) == "paused=true" || request.RequestUri.Query.Contains("paused=true", StringComparison.Ordinal));
            var response = await send(request);
            if (pause && response.IsSuccessStatusCode)
            {
                fake.Recorder.EndCall(a);
            }

            return response;
        }) { InnerHandler = handler });
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.PauseScope, "call").Profile! with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. Accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        a = couples.Single().Id;
        b = (await inner.Control.StartCallAsync(new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10023", "10.0.0.5", "10.0.1.23"), TestContext.Current.CancellationToken, couples.Single().CallId)).Id;

        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), Accounts, [a, b], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        var summary = string.Join("\n", probe.Summary);
        var states = await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken);
        states.Single(c => c.Id == b).Paused.ShouldBeFalse("the probe's pause reached B: it must be put back\n" + summary);
    }

    /// <summary>
    /// pauseScope=couple (the default): a scenario pauses A; meanwhile an agent holds B, a couple of A's call the
    /// scenario never touches. The clean-up must leave B's hold alone, and send B nothing at all where only A is allowed
    /// (--couple A): B is not the kit's to pause.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PSE_1_The_clean_up_leaves_alone_a_hold_on_an_untouched_leg_of_the_same_call(bool otherAllowed)
    {
        long a = 0, b = 0;
        var held = false;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            var segments = request.RequestUri!.AbsolutePath.Split('/');
            if (Rewriting.IsPausedState(request) && request.Method != HttpMethod.Get)
            {
                log.Enqueue($"{request.Method} {segments[^2]} {request.RequestUri.Query} {await Rewriting.FormOf(request)}");
            }

            var response = await send(request);
            if (!held && Rewriting.IsPausedState(request) && request.Method != HttpMethod.Get && segments[^2] == a.ToString(System.Globalization.CultureInfo.InvariantCulture) && response.IsSuccessStatusCode)
            {
                held = true;
                var hold = new HttpRequestMessage(HttpMethod.Post, new Uri(request.RequestUri, $"/callrec/restful/couples.xml/{b}/pausedState"))
                {
                    Content = new StringContent("paused=true", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
                };
                hold.Headers.TryAddWithoutValidation("Cookie", request.Headers.GetValues("Cookie"));
                (await send(hold)).IsSuccessStatusCode.ShouldBeTrue("the agent's hold");
                log.Enqueue($"agent holds {b}");
            }

            return response;
        }) { InnerHandler = handler });
        var couples = await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        a = couples.Single().Id;
        b = (await inner.Control.StartCallAsync(new CallSpec("5550101", "10023", "10.0.0.5", "10.0.1.23"), TestContext.Current.CancellationToken, couples.Single().CallId)).Id;
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, otherAllowed ? [a, b] : [a], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var scenario = new Scenario(real.World, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true, InQuery: false), new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false)]);
        var runner = new ScenarioRunner(recorder, TimeSpan.Zero, real) { Settle = TimeSpan.Zero };

        var outcome = await runner.RunAsync(scenario, KitProfile.Default, null, new HashSet<string>(StringComparer.Ordinal), TestContext.Current.CancellationToken);

        var states = await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken);
        var trace = string.Join("\n", log) + "\n" + string.Join("\n", outcome.Trace);
        held.ShouldBeTrue(trace);
        states.Single(c => c.Id == a).Paused.ShouldBeFalse("A put back\n" + trace);
        if (!otherAllowed)
        {
            log.ShouldNotContain(l => l.StartsWith($"POST {b}", StringComparison.Ordinal), trace);
        }

        states.Single(c => c.Id == b).Paused.ShouldBeTrue("the agent's hold of B, untouched by the scenario, must be left alone\n" + trace);
    }

    /// <summary>The kit's model of pausedParameter=spring against the simulator's: ASCII words, Java's trim.</summary>
    [Theory]
    [InlineData("ye\u017F")]
    [InlineData("\u00A0yes")]
    [InlineData("yes\u2003")]
    public void PSE_2_The_kits_spring_reading_refuses_what_the_simulators_refuses(string value)
    {
        var spring = KitProfile.Default.With(ProfileSettings.PausedParameter, "spring").Profile!;
        spring.PausedAs(value).ShouldBeNull(value);
    }

    /// <summary>
    /// detailsPaused=with-link, and the observer (Call List, fewest masks) has no pause right: the couples the kit may
    /// pause are still pausable, their state read by the account that pauses (DET-3's inferred part).
    /// </summary>
    [Fact]
    public async Task DET_3_With_the_state_shown_only_with_the_link_a_list_only_observer_leaves_the_allowed_couples_pausable()
    {
        ModelUser[] accounts = [new("viewer", "viewer", true, false, []), new("admin", "admin", true, true, [])];
        PauseResume.Simulator.Testing.FakeRecorder? simulator = null;
        await using var inner = new InProcessTarget((recorder, handler) =>
        {
            simulator = recorder;
            return handler;
        });
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.DetailsPaused, "with-link").Profile! with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        simulator!.Recorder.SetPaused(simulator.Recorder.Login("admin", "admin", requestCarriedCookie: true, priorSessionId: null).SessionId, couples.Single().Id, true).Changed.ShouldBeTrue();

        var real = await RealWorld.ObserveAsync(new ObservedTarget(inner), accounts, [couples.Single().Id], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        real.Pausable.ShouldContain(couples.Single().Id, $"unreadable: {string.Join(",", real.Unreadable)}");
        real.Couples.Single().Paused.ShouldBeTrue("the state as the pausing account reads it");
    }
}
