using System.Collections.Immutable;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// PSE-4, DET-3 (inferred): under refusalOrder=masks-first a recorder refuses a masked user a couple that ended as one
/// outside the masks (403), and the user's own list, which lacks the couple, tells the end. Only where that list would
/// hold a couple outside the masks: a recorder that leaves those out (unseenCouples=omitted) and matches the masks on one
/// number only had a plain refusal of access taken for an end, and refusalOrder=masks-first named as its value, in five
/// runs of seven on an independent recorder.
/// </summary>
public sealed class MasksFirstEndTests
{
    [Fact]
    public async Task PSE_4_A_couple_the_users_list_leaves_out_is_not_taken_for_ended_where_the_list_shows_no_couple_outside_the_masks()
    {
        // Arrange: a recorder that matches masks against the calling number alone and leaves out what they do not match
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("masked", "masked", true, true, ["1002?"])];
        await using var inner = new InProcessTarget();
        var server = KitProfile.Default.With(ProfileSettings.MaskSide, "calling").Profile!.With(ProfileSettings.UnseenCouples, "omitted").Profile!;
        inner.Control!.ServerProfile = ProfileJson.Write(server with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var target = new ObservedTarget(inner);
        var world = await RealWorld.ObserveAsync(target, accounts, [.. couples.Select(c => c.Id)], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var masked = world.World.Users.IndexOf(world.World.Users.Single(u => u.Login == "masked"));
        ImmutableArray<Command> steps = [new LoginCommand(0, masked, PasswordKind.Right, WithCookie: true), new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false)];
        var masksFirst = KitProfile.Default.With(ProfileSettings.RefusalOrder, "masks-first").Profile!;

        // Act
        var outcome = await new ScenarioRunner(target, TimeSpan.Zero, world) { Settle = TimeSpan.Zero }.RunAsync(new Scenario(world.World, steps), masksFirst, null, null, TestContext.Current.CancellationToken);

        // Assert: the refusal is the access rules' difference, not an end that masks-first would explain
        var trace = $"{Rewriting.Trace(outcome)}\n{outcome.Broken?.Rule} {outcome.Broken?.What}: {outcome.Broken?.Expected} / {outcome.Broken?.Actual}";
        (outcome.Broken?.Rule, outcome.Broken?.Documented).ShouldBe(("PSE-4", false), trace);
    }

    [Fact]
    public async Task DET_3_A_404_to_a_masked_user_for_a_couple_another_account_lists_is_not_taken_for_an_end()
    {
        // Arrange: a recorder that matches masks against the calling number alone, leaves out what they do not match and
        // answers 404 outside them; the masked user's mask matches the couple's called number only
        var (inner, target, world) = await OneSidedRecorderAsync();
        await using var _ = inner;
        ImmutableArray<Command> steps =
        [
            new LoginCommand(0, Index(world, "masked"), PasswordKind.Right, WithCookie: true), new DetailsCommand(0, new CoupleRef(0), ViaLink: false),
            new LoginCommand(1, Index(world, "admin"), PasswordKind.Right, WithCookie: true), new DetailsCommand(1, new CoupleRef(0), ViaLink: false),
        ];

        // Act
        var outcome = await new ScenarioRunner(target, TimeSpan.Zero, world) { Settle = TimeSpan.Zero }.RunAsync(new Scenario(world.World, steps), KitProfile.Default, null, null, TestContext.Current.CancellationToken);

        // Assert: the masked user's 404 is the access rules' difference, not an end whose details another account then reads
        var trace = $"{Rewriting.Trace(outcome)}\n{outcome.Broken?.Rule} {outcome.Broken?.What}: {outcome.Broken?.Expected} / {outcome.Broken?.Actual}";
        outcome.Trace.ShouldNotContain(line => line.Contains("has ended"), trace);
        (outcome.Broken?.Rule, outcome.Broken?.Documented).ShouldBe(("DET-3", false), trace);
    }

    [Fact]
    public async Task PSE_4_A_404_to_a_masked_users_pause_of_a_couple_another_account_lists_is_a_difference_not_a_break()
    {
        // Arrange: the recorder of the test above; the masked user pauses the couple its mask matches by the called number
        var (inner, target, world) = await OneSidedRecorderAsync();
        await using var _ = inner;
        ImmutableArray<Command> steps =
        [
            new LoginCommand(0, Index(world, "masked"), PasswordKind.Right, WithCookie: true), new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false),
            new LoginCommand(1, Index(world, "admin"), PasswordKind.Right, WithCookie: true), new DetailsCommand(1, new CoupleRef(0), ViaLink: false),
        ];

        // Act
        var outcome = await new ScenarioRunner(target, TimeSpan.Zero, world) { Settle = TimeSpan.Zero }.RunAsync(new Scenario(world.World, steps), KitProfile.Default, null, null, TestContext.Current.CancellationToken);

        // Assert: the refused pause is the access rules' difference (PSE-4, inferred), not a PSE-1 break nor an end
        var trace = $"{Rewriting.Trace(outcome)}\n{outcome.Broken?.Rule} {outcome.Broken?.What}: {outcome.Broken?.Expected} / {outcome.Broken?.Actual}";
        outcome.Trace.ShouldNotContain(line => line.Contains("has ended"), trace);
        (outcome.Broken?.Rule, outcome.Broken?.Documented).ShouldBe(("PSE-4", false), trace);
    }

    /// <summary>A recorder that matches masks against the calling number alone, leaves out what they do not match and answers 404 outside them, observed as a real one.</summary>
    private static async Task<(InProcessTarget Inner, ObservedTarget Target, RealWorld World)> OneSidedRecorderAsync()
    {
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("masked", "masked", true, true, ["1002?"])];
        var inner = new InProcessTarget();
        var server = KitProfile.Default.With(ProfileSettings.MaskSide, "calling").Profile!.With(ProfileSettings.UnseenCouples, "omitted").Profile!
            .With(ProfileSettings.OutsideAccessStatus, "404").Profile!;
        inner.Control!.ServerProfile = ProfileJson.Write(server with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var target = new ObservedTarget(inner);
        return (inner, target, await RealWorld.ObserveAsync(target, accounts, [.. couples.Select(c => c.Id)], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken));
    }

    /// <summary>The index a login step gives <paramref name="login"/> (the users in the order of their logins).</summary>
    private static int Index(RealWorld world, string login) => world.World.Users.Select(u => u.Login).Order(StringComparer.Ordinal).ToList().IndexOf(login);
}
