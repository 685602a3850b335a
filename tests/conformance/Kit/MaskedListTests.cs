using System.Collections.Immutable;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// LST-1 (documented) and LST-5 (inferred) for a user with phone masks: which number the masks are matched against and
/// whether a call's other legs count are inferred (maskSide, maskScope), so a list that one other way of matching the
/// masks explains differs from the profile; one that no way of matching explains leaves out a couple the user may see.
/// </summary>
public sealed class MaskedListTests
{
    private static readonly ModelUser Agent = new("agent", "pw-agent", true, true, ["1002?"]);

    // Two couples only their calling numbers put within the masks, one only its called number does.
    private static readonly WorldSpec World = new(5, [Agent],
        [new CallSpec("10021", "5550001", "10.0.0.5", "10.0.1.21"), new CallSpec("10022", "5550002", "10.0.0.6", "10.0.1.22"), new CallSpec("5550003", "10023", "10.0.0.7", "10.0.1.23")]);

    private static readonly ImmutableArray<Command> Steps = [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new ListCommand(0, FilterSpec.None, FilterSpec.None)];

    [Fact]
    public async Task LST_5_A_list_that_matches_the_masks_against_the_called_number_alone_differs_from_the_profile()
    {
        // Arrange
        await using var target = new InProcessTarget();
        var server = KitProfile.Default.With(ProfileSettings.UnseenCouples, "omitted").Profile!.With(ProfileSettings.MaskSide, "called").Profile!;
        target.Control!.ServerProfile = ProfileJson.Write(server with { Name = "recorder" });
        var profile = KitProfile.Default.With(ProfileSettings.UnseenCouples, "omitted").Profile!;

        // Act
        var outcome = await new ScenarioRunner(target, TimeSpan.Zero, null).RunAsync(new Scenario(World, Steps), profile, null, null, TestContext.Current.CancellationToken);

        // Assert
        var trace = $"{Rewriting.Trace(outcome)}\n{outcome.Broken?.Rule} {outcome.Broken?.What}: {outcome.Broken?.Expected} / {outcome.Broken?.Actual}";
        (outcome.Broken?.Rule, outcome.Broken?.Documented).ShouldBe(("LST-5", false), trace);
    }

    [Fact]
    public async Task LST_1_A_list_that_leaves_out_one_of_two_couples_matched_alike_breaks_LST_1()
    {
        // Arrange: a recorder that matches masks as the profile says, but leaves the first couple out of every list
        await using var target = new InProcessTarget((recorder, inner) => new Rewriting(async (request, send) =>
            Rewriting.IsList(request)
                ? await Rewriting.WithXml(await send(request), root => System.Xml.Linq.Extensions.Remove(root.Elements("couples").Where(c =>
                    recorder.Recorder.Find((long)c.Attribute("id")!)?.Couple is { CallingNumber: "10021" })))
                : await send(request)) { InnerHandler = inner });
        var profile = KitProfile.Default.With(ProfileSettings.UnseenCouples, "omitted").Profile!;
        target.Control!.ServerProfile = ProfileJson.Write(profile with { Name = "recorder" });

        // Act
        var outcome = await new ScenarioRunner(target, TimeSpan.Zero, null).RunAsync(new Scenario(World, Steps), profile, null, null, TestContext.Current.CancellationToken);

        // Assert: no way of matching the masks puts one calling number within them and not the other
        var trace = $"{Rewriting.Trace(outcome)}\n{outcome.Broken?.Rule} {outcome.Broken?.What}: {outcome.Broken?.Expected} / {outcome.Broken?.Actual}";
        (outcome.Broken?.Rule, outcome.Broken?.Documented).ShouldBe(("LST-1", true), trace);
    }
}
