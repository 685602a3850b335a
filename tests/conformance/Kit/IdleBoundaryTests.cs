using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// SES-6 is inferred: when a session expires (sessionIdleTimeout, and whether idle exactly the timeout has expired, as
/// a servlet container's <c>&gt;=</c> decides) is the profile's. A server whose timeout differs must come out as
/// differing on SES-6, never as breaking a documented rule, and the kit must send a request where the difference shows.
/// </summary>
public sealed class IdleBoundaryTests
{
    [Theory]
    [InlineData("00:30:01", 5)] // alive at exactly 30 minutes idle, as a server deciding by > would be
    [InlineData("00:30:01", 3)]
    [InlineData("00:29:59", 2)] // expired a second early: the list after the wait to "timeout - 1 s" is refused
    [InlineData("00:29:59", 7)]
    [InlineData("00:05:00", 4)]
    [InlineData("00:45:00", 1)]
    [InlineData("00:45:00", 11)] // alive after 31 minutes: a bad direction's 404 then was once put down to badParameterOrder
    [InlineData("00:45:00", 21)]
    [InlineData("00:05:00", 19)] // expired after 7 minutes: the details' 403 then was once "LST-5 broken"
    public async Task SES_6_A_server_whose_idle_timeout_differs_differs_on_SES_6_and_breaks_no_documented_rule(string serverTimeout, int seed)
    {
        await using var target = new InProcessTarget();
        var (server, _) = KitProfile.Default.With(ProfileSettings.SessionIdleTimeout, serverTimeout);
        target.Control!.ServerProfile = ProfileJson.Write(server!);
        var kit = new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = seed, Runs = 200 };

        var result = await kit.RunAsync(TestContext.Current.CancellationToken);

        result.Broken.Select(r => $"{r.Rule.Id}: {r.Detail}\n  {string.Join("\n  ", r.Failure?.Trace ?? [])}")
            .ShouldBeEmpty("SES-6 is inferred: a refusal of a session the clock may have expired is a difference, never a broken documented rule");
        result.Rules.Single(r => r.Rule.Id == "SES-6").Status.ShouldBe(RuleStatus.Differs, "SES-6: a request where the two timeouts disagree shows it");
        result.ExitCode(requireAllChecked: false).ShouldBe(KitResult.ExitDiffers);
    }

    /// <summary>
    /// A link shown before a wait says the user may see or pause the couple (LST-5, DET-2, documented); a 403 after the
    /// wait, where the server's shorter timeout ended the session, is SES-6's inferred timeout, not the link contradicted.
    /// The kit follows each wait with a list of its own, so a hand-written scenario shows what the check itself decides.
    /// </summary>
    [Theory]
    [InlineData("details")]
    [InlineData("pause")]
    public async Task SES_6_A_refusal_after_a_wait_is_put_down_to_the_idle_timeout_not_to_the_link_shown_before_it(string request)
    {
        // Arrange
        await using var target = new InProcessTarget();
        target.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.SessionIdleTimeout, "00:05:00").Profile!);
        var world = new WorldSpec(5, [new ModelUser("admin", "pw-admin", true, true, [])], [new CallSpec("5551234", "10021", "10.0.0.5", "10.0.1.21")]);
        Command[] steps = request == "details"
            ? [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new ListCommand(0, FilterSpec.None, FilterSpec.None), new AdvanceTimeCommand(7), new DetailsCommand(0, new CoupleRef(0), ViaLink: true)]
            : [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new DetailsCommand(0, new CoupleRef(0), ViaLink: false), new AdvanceTimeCommand(7), new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false)];
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);

        // Act
        var outcome = await runner.RunAsync(new Scenario(world, [.. steps]), KitProfile.Default, null, null, TestContext.Current.CancellationToken);

        // Assert
        var trace = string.Join("\n", outcome.Trace);
        outcome.Broken.ShouldNotBeNull($"SES-6: the server's session expired after 5 minutes, the profile's after 30\n{trace}");
        outcome.Broken.Rule.ShouldBe("SES-6", $"SES-6: the refusal is the idle timeout's, not the {(request == "details" ? "self link's (LST-5)" : "pausedState link's (DET-2)")}\n{trace}");
        outcome.Broken.Documented.ShouldBeFalse("SES-6 is inferred: a server whose timeout is shorter differs");
    }

    /// <summary>
    /// A session the server answered as logged in after the wait (the list the kit sends after each one) was alive then:
    /// a 403 to the details of a couple linked to the same user, with no time passed since, contradicts the link (LST-5,
    /// documented), whatever the idle timeout.
    /// </summary>
    [Fact]
    public async Task LST_5_A_refusal_in_a_session_answered_since_the_wait_is_held_against_the_link()
    {
        // Arrange
        await using var target = new InProcessTarget((_, inner) => new Support.Rewriting(async (request, send) =>
            Support.AccessDeviants.IsDetails(request) ? new HttpResponseMessage(System.Net.HttpStatusCode.Forbidden) : await send(request)) { InnerHandler = inner });
        var world = new WorldSpec(5, [new ModelUser("admin", "pw-admin", true, true, [])], [new CallSpec("5551234", "10021", "10.0.0.5", "10.0.1.21")]);
        Command[] steps = [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new ListCommand(0, FilterSpec.None, FilterSpec.None), new AdvanceTimeCommand(7), new ListCommand(0, FilterSpec.None, FilterSpec.None), new DetailsCommand(0, new CoupleRef(0), ViaLink: true)];
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);

        // Act
        var outcome = await runner.RunAsync(new Scenario(world, [.. steps]), KitProfile.Default, null, null, TestContext.Current.CancellationToken);

        // Assert
        var trace = string.Join("\n", outcome.Trace);
        outcome.Broken.ShouldNotBeNull($"LST-5: the details of a linked couple are refused\n{trace}");
        outcome.Broken.Rule.ShouldBe("LST-5", $"LST-5: the list after the wait showed the session alive, so the 403 is no expiry\n{trace}");
        outcome.Broken.Documented.ShouldBeTrue(trace);
    }
}
