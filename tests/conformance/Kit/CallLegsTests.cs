using System.Collections.Immutable;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// LST-5, DET-3, PSE-4 under maskScope=call on a real recorder: a couple outside a user's phone masks, seen through a leg
/// of its call within them, after that leg ended unseen (<see cref="CallLegs"/>). The user's unfiltered list, and the
/// details of a leg it lacks, tell which legs ended; nothing else may pass for an end.
/// </summary>
public sealed class CallLegsTests
{
    private static readonly ModelUser[] Accounts =
    [
        new("admin", "admin", true, true, []),
        new("masked", "masked", true, false, ["1002?"]),
        new("pauser", "pauser", true, true, ["1002?"]),
    ];

    private static string Trace(RunOutcome outcome) =>
        $"{Rewriting.Trace(outcome)}\n{outcome.Broken?.Rule} {outcome.Broken?.What}: {outcome.Broken?.Expected} / {outcome.Broken?.Actual}";

    /// <summary>A recorder with one call of two legs, the second (joined after) within the masks; the kit's view of it.</summary>
    private static async Task<(ObservedTarget Recorder, RealWorld Real, long Couple, long Leg)> TwoLegsAsync(InProcessTarget inner, KitProfile server, bool pause)
    {
        inner.Control!.ServerProfile = ProfileJson.Write(server with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550102", "20030", "10.0.0.6", "10.0.2.30")]), TestContext.Current.CancellationToken);
        var leg = await inner.Control.StartCallAsync(new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), TestContext.Current.CancellationToken, couples[0].CallId);
        var recorder = new ObservedTarget(inner);
        long[] allowed = pause ? [couples[0].Id] : [];
        var real = await RealWorld.ObserveAsync(recorder, Accounts, allowed, allowPause: pause, TimeSpan.Zero, TestContext.Current.CancellationToken);
        return (recorder, real, couples[0].Id, leg.Id);
    }

    /// <summary>
    /// The leg within the masks that let the user see a couple outside them ended unseen (a filter that finds the couple
    /// alone, a details read, a pause); the couple is still in progress, and the recorder lists it without a link and
    /// refuses it, rightly. The kit, holding the leg in progress, predicted a link and a grant, and said the recorder
    /// differs on LST-5, DET-3 or PSE-4.
    /// </summary>
    /// <param name="step">What the user asks of the couple: a list that finds it alone, its details, or a pause of it.</param>
    [Theory]
    [InlineData("list")]
    [InlineData("details")]
    [InlineData("pause")]
    public async Task LST_5_A_couple_whose_leg_within_the_masks_ended_is_listed_without_a_link_and_refused_rightly(string step)
    {
        // Arrange: the leg ends before the step
        await using var inner = new InProcessTarget();
        var profile = KitProfile.Default.With(ProfileSettings.MaskScope, "call").Profile!.With(ProfileSettings.UnseenCouples, "listed").Profile!;
        var (recorder, real, couple, leg) = await TwoLegsAsync(inner, profile, pause: step == "pause");
        (await inner.Control!.EndCallAsync(leg, TestContext.Current.CancellationToken)).ShouldBeTrue();
        Command asked = step switch
        {
            "details" => new DetailsCommand(0, new CoupleRef(0), false),
            "pause" => new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false),
            _ => new ListCommand(0, new FilterSpec(ValueKind.Known, 1, null), FilterSpec.None),
        };
        ImmutableArray<Command> steps = [new LoginCommand(0, 2, PasswordKind.Right, WithCookie: true), asked];

        // Act
        var outcome = await new ScenarioRunner(recorder, TimeSpan.Zero, real).RunAsync(new Scenario(real.World, steps), profile, null, null, TestContext.Current.CancellationToken);

        // Assert
        var trace = Trace(outcome);
        var path = step switch { "list" => "/couples.xml?phoneNumber=20030", "details" => $"/couples.xml/{couple}", _ => $"/couples.xml/{couple}/pausedState" };
        outcome.Transcript.ShouldContain(e => e.PathAndQuery.EndsWith(path, StringComparison.Ordinal) && e.Status == (step == "list" ? 200 : 403), trace);
        outcome.Broken.ShouldBeNull(trace);
    }

    /// <summary>
    /// The same under outsideAccessStatus=404: the couple refused 404 as not in progress, rightly. Before the leg was
    /// looked for, the 404 was taken for the couple's own end, and a list that then held it was said to differ on LST-7.
    /// </summary>
    /// <param name="step">The details or a pause of the couple, then the user's list.</param>
    [Theory]
    [InlineData("details")]
    [InlineData("pause")]
    public async Task DET_3_Under_outsideAccessStatus_404_a_couple_whose_leg_ended_is_refused_as_not_in_progress_rightly(string step)
    {
        // Arrange
        await using var inner = new InProcessTarget();
        var profile = KitProfile.Default.With(ProfileSettings.MaskScope, "call").Profile!.With(ProfileSettings.OutsideAccessStatus, "404").Profile!;
        var (recorder, real, _, leg) = await TwoLegsAsync(inner, profile, pause: step == "pause");
        (await inner.Control!.EndCallAsync(leg, TestContext.Current.CancellationToken)).ShouldBeTrue();
        Command asked = step == "pause" ? new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false) : new DetailsCommand(0, new CoupleRef(0), false);
        ImmutableArray<Command> steps = [new LoginCommand(0, 2, PasswordKind.Right, WithCookie: true), asked, new ListCommand(0, FilterSpec.None, FilterSpec.None)];

        // Act
        var outcome = await new ScenarioRunner(recorder, TimeSpan.Zero, real).RunAsync(new Scenario(real.World, steps), profile, null, null, TestContext.Current.CancellationToken);

        // Assert
        outcome.Broken.ShouldBeNull(Trace(outcome));
    }

    /// <summary>
    /// The other way round: the leg within the masks is still in progress and listed, and the recorder refuses the couple
    /// seen through it. The refusal still differs from the access rules (DET-3, inferred), and the leg was looked for.
    /// </summary>
    [Fact]
    public async Task DET_3_A_couple_refused_while_its_leg_within_the_masks_is_listed_differs()
    {
        // Arrange: the recorder refuses the couple outside the masks
        long refused = 0;
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
            refused != 0 && Rewriting.Is(request, "GET", $"/couples.xml/{refused}") && Rewriting.SessionOf(request) is not null
                ? new HttpResponseMessage(System.Net.HttpStatusCode.Forbidden) { Content = new StringContent("outside") }
                : await send(request)) { InnerHandler = handler });
        var profile = KitProfile.Default.With(ProfileSettings.MaskScope, "call").Profile!;
        var (recorder, real, couple, _) = await TwoLegsAsync(inner, profile, pause: false);
        refused = couple;
        ImmutableArray<Command> steps = [new LoginCommand(0, 2, PasswordKind.Right, WithCookie: true), new DetailsCommand(0, new CoupleRef(0), false)];

        // Act
        var outcome = await new ScenarioRunner(recorder, TimeSpan.Zero, real).RunAsync(new Scenario(real.World, steps), profile, null, null, TestContext.Current.CancellationToken);

        // Assert
        var trace = Trace(outcome);
        outcome.Transcript.ShouldContain(e => e.PathAndQuery.EndsWith("/couples.xml", StringComparison.Ordinal) && e.Status == 200, trace); // the leg was looked for
        outcome.Broken.ShouldNotBeNull(trace);
        (outcome.Broken.Rule, outcome.Broken.Documented).ShouldBe(("DET-3", false), trace);
    }

    /// <summary>
    /// A recorder that matches masks against the calling number alone (maskSide=calling, which the kit's profile does not
    /// say) leaves the leg, in progress, out of the user's list under unseenCouples=omitted: its details, refused, show it
    /// is no end, and the refusal of the couple seen through it stays a DET-3 difference (maskSide may name it). Taken for
    /// ended by the list alone, the difference went unreported and the leg was later called not in progress.
    /// </summary>
    /// <param name="thenLeg">The user then asks for the leg's details too.</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DET_3_A_leg_left_out_of_the_list_but_not_ended_stays_in_progress(bool thenLeg)
    {
        // Arrange: nothing ends
        await using var inner = new InProcessTarget();
        var profile = KitProfile.Default.With(ProfileSettings.MaskScope, "call").Profile!.With(ProfileSettings.UnseenCouples, "omitted").Profile!;
        var (recorder, real, _, _) = await TwoLegsAsync(inner, profile.With(ProfileSettings.MaskSide, "calling").Profile!, pause: false);
        ImmutableArray<Command> steps = [new LoginCommand(0, 1, PasswordKind.Right, WithCookie: true), new DetailsCommand(0, new CoupleRef(0), false), .. thenLeg ? [new DetailsCommand(0, new CoupleRef(1), false)] : Array.Empty<Command>()];

        // Act
        var outcome = await new ScenarioRunner(recorder, TimeSpan.Zero, real).RunAsync(new Scenario(real.World, steps), profile, null, null, TestContext.Current.CancellationToken);

        // Assert
        var trace = Trace(outcome);
        outcome.Broken.ShouldNotBeNull(trace);
        (outcome.Broken.Rule, outcome.Broken.Documented, outcome.FailingStep).ShouldBe(("DET-3", false, 1), trace);
        outcome.Broken.What.ShouldContain("access rules predict", Case.Sensitive, trace);
    }

    /// <summary>A refusal the model predicts (a user without the pause right) costs no list: nothing is to be explained.</summary>
    [Fact]
    public async Task PSE_4_A_refusal_the_model_predicts_sends_no_list()
    {
        // Arrange
        await using var inner = new InProcessTarget();
        var profile = KitProfile.Default.With(ProfileSettings.MaskScope, "call").Profile!;
        var (recorder, real, _, _) = await TwoLegsAsync(inner, profile, pause: true);
        ImmutableArray<Command> steps = [new LoginCommand(0, 1, PasswordKind.Right, WithCookie: true), new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false)];

        // Act
        var outcome = await new ScenarioRunner(recorder, TimeSpan.Zero, real).RunAsync(new Scenario(real.World, steps), profile, null, null, TestContext.Current.CancellationToken);

        // Assert
        var trace = Trace(outcome);
        outcome.Broken.ShouldBeNull(trace);
        outcome.Transcript.ShouldNotContain(e => e.Method == "GET" && e.PathAndQuery.EndsWith("/couples.xml", StringComparison.Ordinal), trace);
    }

    /// <summary>
    /// Where two servers' transcripts are compared request by request (--compare runs each scenario to its end), the kit
    /// sends no request of its own to explain an answer: the other side would not send it, and every later exchange would
    /// be out of line.
    /// </summary>
    [Fact]
    public async Task DET_3_A_run_to_its_end_for_a_comparison_sends_no_list_of_its_own()
    {
        // Arrange
        await using var inner = new InProcessTarget();
        var profile = KitProfile.Default.With(ProfileSettings.MaskScope, "call").Profile!;
        var (recorder, real, _, leg) = await TwoLegsAsync(inner, profile, pause: false);
        (await inner.Control!.EndCallAsync(leg, TestContext.Current.CancellationToken)).ShouldBeTrue();
        ImmutableArray<Command> steps = [new LoginCommand(0, 2, PasswordKind.Right, WithCookie: true), new DetailsCommand(0, new CoupleRef(0), false)];

        // Act
        var outcome = await new ScenarioRunner(recorder, TimeSpan.Zero, real) { RunToTheEnd = true }.RunAsync(new Scenario(real.World, steps), profile, null, null, TestContext.Current.CancellationToken);

        // Assert
        outcome.Transcript.Count(e => e.Script is null).ShouldBe(2, Trace(outcome)); // the login and the details, as the other side sends
    }
}
