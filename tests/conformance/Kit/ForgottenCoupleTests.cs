using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// DET-3, PSE-4 (inferred): a recorder keeps ended couples for a while (the simulator the latest 10,000), then forgets
/// them. Where calls come and go on their own, a couple the kit saw end may be forgotten by the time it asks again, and
/// is then answered as one the recorder does not know (unknownCoupleStatus); where nothing else ends calls, it is not.
/// </summary>
public sealed class ForgottenCoupleTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DET_3_A_couple_that_ended_and_is_answered_as_unknown_is_forgotten_only_where_calls_come_and_go(bool callsComeAndGo)
    {
        // Arrange: ended couples answered 410, unknown ones 404; this recorder forgets a couple as soon as it ends
        var profile = KitProfile.Default.With(ProfileSettings.EndedCoupleStatus, "410").Profile!;
        var world = new WorldSpec(5, [new ModelUser("admin", "pw-admin", true, true, [])], [new CallSpec("5551234", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5551235", "10022", "10.0.0.6", "10.0.1.22")]);
        Command[] steps = [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new EndCallCommand(new CoupleRef(0)), new DetailsCommand(0, new CoupleRef(0), ViaLink: false), new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false)];

        // Act
        var outcome = await RunAsync(callsComeAndGo, profile, world, steps);

        // Assert
        var trace = string.Join("\n", outcome.Trace);
        outcome.Trace.ShouldContain(line => line.Contains("details(24197) → 404", StringComparison.Ordinal), trace);
        if (callsComeAndGo)
        {
            outcome.Broken.ShouldBeNull(trace);
        }
        else
        {
            outcome.Broken.ShouldNotBeNull(trace);
            outcome.Broken.Rule.ShouldBe("DET-3", trace);
            outcome.Broken.Documented.ShouldBeFalse("which status an ended couple gets is inferred");
        }
    }

    /// <summary>
    /// DET-3 (inferred: endedCoupleDetails=served): a recorder that reads its calls from a database serves an ended couple's
    /// details for a while, then forgets it; a refusal the order puts after the lookup (couple-first: Call List after it)
    /// may then be the unknown couple's status. An independent recorder's kiosk got 404 for such a couple, and the kit
    /// called it a difference no setting describes; where nothing else ends calls it still differs.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DET_3_A_served_ended_couple_forgotten_since_may_be_refused_as_unknown_where_calls_come_and_go(bool callsComeAndGo)
    {
        // Arrange
        var profile = KitProfile.Default.With(ProfileSettings.EndedCoupleDetails, "served").Profile!.With(ProfileSettings.RefusalOrder, "couple-first").Profile!;
        var world = new WorldSpec(5, [new ModelUser("admin", "pw-admin", true, true, []), new ModelUser("kiosk", "pw-kiosk", false, false, [])], [new CallSpec("5551234", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5551235", "10022", "10.0.0.6", "10.0.1.22")]);
        Command[] steps = [new LoginCommand(1, 1, PasswordKind.Right, WithCookie: true), new EndCallCommand(new CoupleRef(0)), new DetailsCommand(1, new CoupleRef(0), ViaLink: false)];

        // Act
        var outcome = await RunAsync(callsComeAndGo, profile, world, steps);

        // Assert
        var trace = string.Join("\n", outcome.Trace);
        outcome.Trace.ShouldContain(line => line.Contains("details(24197) → 404", StringComparison.Ordinal), trace);
        if (callsComeAndGo)
        {
            outcome.Broken.ShouldBeNull(trace);
        }
        else
        {
            outcome.Broken.ShouldNotBeNull(trace);
            (outcome.Broken.Rule, outcome.Broken.Documented).ShouldBe(("DET-3", false), trace);
        }
    }

    /// <summary>The scenario on a recorder under <paramref name="profile"/> that forgets a couple as soon as it ends.</summary>
    private static async Task<RunOutcome> RunAsync(bool callsComeAndGo, KitProfile profile, WorldSpec world, Command[] steps)
    {
        await using var target = Forgetting(callsComeAndGo);
        target.Control!.ServerProfile = ProfileJson.Write(profile);
        return await new ScenarioRunner(target, TimeSpan.Zero, null).RunAsync(new Scenario(world, [.. steps]), profile, null, null, TestContext.Current.CancellationToken);
    }

    /// <summary>The simulator behind a recorder that forgets a couple as soon as it ends: its details and pausedState are then 404.</summary>
    private static InProcessTarget Forgetting(bool callsComeAndGo)
    {
        var forgotten = new HashSet<string>(StringComparer.Ordinal);
        return new InProcessTarget((_, inner) => new Rewriting(async (request, send) =>
        {
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Delete && path.StartsWith("/simulator/calls/", StringComparison.Ordinal))
            {
                forgotten.Add(request.RequestUri.Segments[^1]);
            }
            else if (path.StartsWith("/callrec/restful/couples.xml/", StringComparison.Ordinal) && forgotten.Contains(path.Split('/')[4]))
            {
                return new HttpResponseMessage(System.Net.HttpStatusCode.NotFound) { Content = new StringContent("couple is not in progress") };
            }

            return await send(request);
        }) { InnerHandler = inner }) { CallsComeAndGo = callsComeAndGo };
    }
}
