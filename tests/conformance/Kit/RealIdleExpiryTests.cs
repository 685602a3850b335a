using System.Net;
using Microsoft.Extensions.Time.Testing;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Testing;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// SES-6 is inferred, and a real recorder's clock is its own: its sessions may expire after an idle of seconds. A 403 to
/// a session that went that long without a request is SES-6's timing where a request the user may make is refused in
/// the same session too, never a documented rule broken; where that request is served, the 403 is the request's own.
/// </summary>
public sealed class RealIdleExpiryTests
{
    private static readonly ModelUser[] Accounts = [new("admin", "admin", true, true, []), new("guest", "guest", false, false, [])];

    /// <summary>Three seconds pass without a request, on the kit's clock and, unless it stands still, on the recorder's.</summary>
    private sealed record IdleCommand(FakeTimeProvider Kit, Action? Recorder) : Command
    {
        public override Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
        {
            Kit.Advance(TimeSpan.FromSeconds(3));
            Recorder?.Invoke();
            return Task.FromResult(new StepResult("3 s pass", [], context.Model));
        }
    }

    /// <summary>
    /// A recorder observed as a real one, whose sessions expire after two seconds without a request (on its clock); or,
    /// where <paramref name="refusePauses"/>, whose clock stands still and which refuses every pause with a 403 of its own.
    /// Runs the steps with <see cref="IdleCommand"/> in place of each null.
    /// </summary>
    private static async Task<(RunOutcome Outcome, string Trace)> RunAsync(bool refusePauses, Command?[] steps, bool compared = false)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        FakeRecorder? simulator = null;
        await using var inner = new InProcessTarget((recorder, handler) =>
        {
            simulator = recorder;
            return new Rewriting(async (request, send) =>
                refusePauses && Rewriting.IsPausedState(request) ? new HttpResponseMessage(HttpStatusCode.Forbidden) : await send(request)) { InnerHandler = handler };
        });
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.SessionIdleTimeout, "00:00:02").Profile! with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [.. couples.Select(c => c.Id)], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var idle = new IdleCommand(time, refusePauses ? null : () => simulator!.Advance(TimeSpan.FromSeconds(3)));
        var runner = new ScenarioRunner(recorder, TimeSpan.Zero, real) { Settle = TimeSpan.Zero, Clock = time, RunToTheEnd = compared };
        var outcome = await runner.RunAsync(new Scenario(real.World, [.. steps.Select(s => s ?? idle)]), KitProfile.Default, null, null, TestContext.Current.CancellationToken);
        return (outcome, string.Join("\n", outcome.Trace) + "\n" + string.Join("\n", outcome.Transcript.Select(e => $"{e.Method} {e.PathAndQuery} → {e.Status}")));
    }

    [Theory]
    [InlineData("pause")]
    [InlineData("details")]
    [InlineData("list")]
    public async Task SES_6_A_refusal_after_an_idle_of_seconds_in_a_session_that_ended_is_the_idle_timeouts_timing(string request)
    {
        // Arrange: log in, read the couple's details (its pausedState link shown), three seconds pass, then the request
        Command last = request switch
        {
            "pause" => new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false),
            "details" => new DetailsCommand(0, new CoupleRef(0), ViaLink: false),
            _ => new ListCommand(0, FilterSpec.None, FilterSpec.None),
        };

        // Act
        var (outcome, trace) = await RunAsync(refusePauses: false, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new DetailsCommand(0, new CoupleRef(0), ViaLink: false), null, last]);

        // Assert
        outcome.Broken.ShouldNotBeNull($"the session expired: the {request} is refused\n{trace}");
        outcome.Broken.Rule.ShouldBe("SES-6", trace);
        outcome.Broken.Documented.ShouldBeFalse($"SES-6 is inferred: a recorder whose sessions expire sooner differs\n{trace}");
        outcome.Broken.Timing.ShouldBeTrue($"whether a replay meets the same idle is the server's timing\n{trace}");
        outcome.Broken.Actual.ShouldBe("403 after an idle of up to 3.0 s", trace);
        outcome.FailingStep.ShouldBe(3, trace);
    }

    [Fact]
    public async Task A_refusal_after_an_idle_in_a_session_still_served_is_the_requests_own()
    {
        // Arrange: the recorder's clock stands still (the session lives), the kit's moves three seconds, and the recorder
        // refuses every pause though the details showed its link

        // Act
        var (outcome, trace) = await RunAsync(refusePauses: true, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new DetailsCommand(0, new CoupleRef(0), ViaLink: false), null, new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false)]);

        // Assert
        outcome.Broken.ShouldNotBeNull($"every pause is refused\n{trace}");
        outcome.Broken.Rule.ShouldNotBe("SES-6", $"the list after the refusal was served: the session lived\n{trace}");
        outcome.Broken.Timing.ShouldBeFalse(trace);
        outcome.Transcript.ShouldContain(e => e.Method == "GET" && e.PathAndQuery == "/callrec/restful/couples.xml" && e.Status == 200, trace);
    }

    [Fact]
    public async Task A_refusal_without_an_idle_is_judged_as_the_requests_own_and_sends_nothing_more()
    {
        // Arrange: no time passes, and the recorder refuses every pause

        // Act
        var (outcome, trace) = await RunAsync(refusePauses: true, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new DetailsCommand(0, new CoupleRef(0), ViaLink: false), new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false)]);

        // Assert
        outcome.Broken.ShouldNotBeNull($"every pause is refused\n{trace}");
        outcome.Broken.Rule.ShouldNotBe("SES-6", trace);
        outcome.Transcript.ShouldNotContain(e => e.Method == "GET" && e.PathAndQuery == "/callrec/restful/couples.xml", trace);
    }

    /// <summary>
    /// --compare judges no check: it compares two servers' transcripts request by request, and a request the kit sent to
    /// one of them only, to learn whether a session lives, would be a difference of its own making.
    /// </summary>
    [Fact]
    public async Task A_comparison_sends_nothing_more_after_a_refusal_after_an_idle()
    {
        // Act
        var (outcome, trace) = await RunAsync(refusePauses: false, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new DetailsCommand(0, new CoupleRef(0), ViaLink: false), null, new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false)], compared: true);

        // Assert
        outcome.Transcript.ShouldContain(e => e.Method == "POST" && e.PathAndQuery.EndsWith("/pausedState", StringComparison.Ordinal) && e.Status == 403, trace);
        outcome.Transcript.ShouldNotContain(e => e.Method == "GET" && e.PathAndQuery == "/callrec/restful/couples.xml", trace);
    }

    /// <summary>
    /// A second login of the same user may end a session (one session per user: inferred, a setting), but not one the
    /// server showed alive after that login: there the refusal after an idle is the idle timeout's timing. Where the policy
    /// could have ended it too, the kit cannot tell which did, and tries no setting value either: a recorder whose
    /// sessions expired after 1.2 s had such a refusal judged as the session policy's, replayed under value after value
    /// (whether a replay met the same idle was the recorder's timing) until the budget ran out.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_second_login_the_session_outlived_is_no_policy_that_could_have_ended_it(bool aliveAfterIt)
    {
        // Arrange: admin logs in on A and on B; A's details are read after B's login, or before it
        Command[] logins = [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new LoginCommand(1, 0, PasswordKind.Right, WithCookie: true)];
        Command details = new DetailsCommand(0, new CoupleRef(0), ViaLink: false);
        Command?[] steps = aliveAfterIt ? [.. logins, details, null, Pause()] : [logins[0], details, logins[1], null, Pause()];

        // Act
        var (outcome, trace) = await RunAsync(refusePauses: false, steps);

        // Assert
        outcome.Broken.ShouldNotBeNull(trace);
        outcome.Broken.Rule.ShouldBe("SES-6", trace);
        outcome.Broken.Documented.ShouldBeFalse(trace);
        outcome.Broken.Timing.ShouldBeTrue(trace);
        outcome.Broken.What.Contains("nor a lockout or one-session-per-user policy ended it", StringComparison.Ordinal).ShouldBe(!aliveAfterIt, outcome.Broken.What);

        static SetPausedCommand Pause() => new(0, new CoupleRef(0), false, PausedValue.True, false);
    }
}
