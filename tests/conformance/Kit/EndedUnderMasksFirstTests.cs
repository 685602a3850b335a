using System.Collections.Immutable;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// LST-5, DET-3 (refusalOrder=masks-first or rights-and-masks-first, inferred): on a real recorder calls end while the kit runs. A user with phone
/// masks is refused a couple outside them and a couple that ended alike (403), so its refusal tells nothing of an end:
/// a couple outside the masks that ended before the list was asked for was expected in it, and the run said LST-5
/// differs and "no setting value describes it" of a recorder that did just what its probed profile says.
/// </summary>
public sealed class EndedUnderMasksFirstTests
{
    private static readonly ModelUser[] Accounts =
    [
        new("admin", "admin", true, true, []),
        new("masked", "masked", true, false, ["1002?"]),
    ];

    /// <param name="measured">The probe measured unseenCouples=listed: the user's unfiltered list holds every couple in progress.</param>
    /// <param name="adminToo">A session of the scenario is an account without masks, whose list tells.</param>
    /// <param name="refusalOrder">An order that checks the masks before the lookup.</param>
    [Theory]
    [InlineData(true, false, "masks-first")]
    [InlineData(false, true, "masks-first")]
    [InlineData(true, false, "rights-and-masks-first")]
    [InlineData(false, true, "rights-and-masks-first")]
    public async Task A_couple_outside_the_masks_that_ended_is_not_expected_in_the_masked_users_list(bool measured, bool adminToo, string refusalOrder)
    {
        // Arrange: one couple within the masks, one outside, both observed; the one outside ends before the scenario
        var settings = KitProfile.Default.With(ProfileSettings.RefusalOrder, refusalOrder).Profile!;
        await using var inner = new InProcessTarget();
        inner.Control!.ServerProfile = ProfileJson.Write(settings with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "20030", "10.0.0.6", "10.0.2.30")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);
        (await inner.Control.EndCallAsync(couples[1].Id, TestContext.Current.CancellationToken)).ShouldBeTrue();
        var profile = settings with { Measured = measured ? [ProfileSettings.UnseenCouples, ProfileSettings.RefusalOrder] : [ProfileSettings.RefusalOrder] };
        ImmutableArray<Command> steps =
        [
            new LoginCommand(0, 1, PasswordKind.Right, WithCookie: true),
            .. adminToo ? new Command[] { new LoginCommand(1, 0, PasswordKind.Right, WithCookie: true) } : [],
            new ListCommand(0, FilterSpec.None, FilterSpec.None),
        ];

        // Act
        var outcome = await new ScenarioRunner(recorder, TimeSpan.Zero, real).RunAsync(new Scenario(real.World, steps), profile, null, null, TestContext.Current.CancellationToken);

        // Assert
        outcome.Broken.ShouldBeNull($"LST-1: the couple ended before the list\n{string.Join("\n", outcome.Trace)}\n{outcome.Broken?.What}: {outcome.Broken?.Expected} / {outcome.Broken?.Actual}");
    }
}
