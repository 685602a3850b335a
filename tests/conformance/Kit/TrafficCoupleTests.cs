using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Domain;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// A couple the recorder's own traffic started is known to the kit by its id alone: its numbers, and so whether a user's
/// phone masks reach it, are not. Under outsideAccessStatus=404 a masked user's 404 for it may be the refusal of a couple
/// outside the masks as well as an end: the end is a guess, which an answer only a couple in progress gets takes back.
/// </summary>
public sealed class TrafficCoupleTests
{
    [Theory]
    [InlineData("list")]
    [InlineData("unchanged pause")]
    public async Task LST_7_PSE_4_A_404_to_a_masked_user_for_a_couple_of_unknown_numbers_is_an_end_a_later_answer_takes_back(string shownBy)
    {
        // Arrange
        var profile = new[] { (ProfileSettings.RefusalOrder, "masks-first"), (ProfileSettings.OutsideAccessStatus, "404"), (ProfileSettings.UnchangedPauseStatus, "409") }
            .Aggregate(KitProfile.Default, (p, s) => p.With(s.Item1, s.Item2).Profile!);
        var started = false;
        await using var target = new InProcessTarget((recorder, inner) => new Rewriting(async (request, send) =>
        {
            if (!started && request.RequestUri!.AbsolutePath.EndsWith("/loginAction.do", StringComparison.Ordinal))
            {
                started = true;
                recorder.Recorder.StartCall(new NewCall("5550199", "6002")); // the recorder's own traffic: outside agent's masks
            }

            return await send(request);
        }) { InnerHandler = inner }) { CallsComeAndGo = true };
        target.Control!.ServerProfile = ProfileJson.Write(profile);
        var world = new WorldSpec(5, [new ModelUser("admin", "pw-admin", true, true, []), new ModelUser("agent", "pw-agent", true, true, ["1001?"])], [new CallSpec("10012", "10021", "10.0.0.5", "10.0.1.21")]);
        Command shows = shownBy == "list" ? new ListCommand(1, FilterSpec.None, FilterSpec.None) : new SetPausedCommand(0, new CoupleRef(1), false, PausedValue.False, false);
        Command[] steps =
        [
            new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new LoginCommand(1, 1, PasswordKind.Right, WithCookie: true),
            new ListCommand(0, FilterSpec.None, FilterSpec.None), new DetailsCommand(1, new CoupleRef(1), ViaLink: false), shows, new DetailsCommand(0, new CoupleRef(1), ViaLink: false),
        ];

        // Act
        var outcome = await new ScenarioRunner(target, TimeSpan.Zero, null).RunAsync(new Scenario(world, [.. steps]), profile, null, null, TestContext.Current.CancellationToken);

        // Assert
        var trace = string.Join("\n", outcome.Trace);
        outcome.Trace.ShouldContain(line => line.Contains("B: details(24198) → 404 (the couple has ended)", StringComparison.Ordinal), trace);
        outcome.Broken.ShouldBeNull(trace);
        outcome.Trace.ShouldContain(line => line.Contains("A: details(24198) → 200", StringComparison.Ordinal), trace);
    }
}
