using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// A link shown or left out (LST-5, DET-2, documented) says what the user may do with the couple while what it rests on
/// holds: the couple in progress, and under maskScope=call the other couples of its call. After a change there, an
/// answer that goes the other way is the new state, not the link contradicted.
/// </summary>
public sealed class StaleLinkTests
{
    private static readonly CallSpec Outside = new("5550101", "6002", "10.0.0.5", "10.0.1.21");
    private static readonly CallSpec Within = new("5550102", "6001", "10.0.0.6", "10.0.1.22");

    /// <summary>Under refusalOrder=masks-first a couple that ended is refused as outside the masks (403), though its pausedState link was shown while it was in progress.</summary>
    [Fact]
    public async Task DET_2_A_pause_refused_after_its_couple_ended_under_masks_first_breaks_nothing()
    {
        var profile = With(("refusalOrder", "masks-first"));
        var world = new WorldSpec(5, [new ModelUser("agent", "pw-agent", true, true, ["555*"])], [Outside]);

        var outcome = await RunAsync(profile, world,
            new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new DetailsCommand(0, new CoupleRef(0), ViaLink: false),
            new EndCallCommand(new CoupleRef(0)), new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false));

        outcome.Broken.ShouldBeNull(string.Join("\n", outcome.Trace));
        outcome.Trace.ShouldContain(line => line.Contains("pausedState of 24197", StringComparison.Ordinal) && line.EndsWith("→ 403", StringComparison.Ordinal));
    }

    /// <summary>
    /// Under maskScope=call a couple outside the user's masks is seen through another couple of its call: listed with its
    /// link while that couple lives, refused once it ends; and the other way round, listed without a link until such a
    /// couple joins its call.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LST_5_Under_mask_scope_call_a_leg_that_joins_or_ends_changes_what_a_link_said(bool ends)
    {
        var profile = With(("maskScope", "call"), ("outsideAccessStatus", "404"));
        var world = new WorldSpec(5, [new ModelUser("agent", "pw-agent", true, true, ["6001*"])], [Outside]);
        var join = new StartCallCommand(Within, new CoupleRef(0));
        Command[] steps = ends
            ? [join, new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new ListCommand(0, FilterSpec.None, FilterSpec.None), new EndCallCommand(new CoupleRef(1)), new DetailsCommand(0, new CoupleRef(0), ViaLink: false)]
            : [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new ListCommand(0, FilterSpec.None, FilterSpec.None), join, new DetailsCommand(0, new CoupleRef(0), ViaLink: false)];

        var outcome = await RunAsync(profile, world, steps);

        outcome.Broken.ShouldBeNull(string.Join("\n", outcome.Trace));
        outcome.Trace.ShouldContain(line => line.Contains("details(24197)", StringComparison.Ordinal) && line.EndsWith(ends ? "→ 404" : "→ 200", StringComparison.Ordinal));
    }

    private static KitProfile With(params (string Setting, string Value)[] settings) =>
        settings.Aggregate(KitProfile.Default, (profile, s) => profile.With(s.Setting, s.Value).Profile!);

    private static async Task<RunOutcome> RunAsync(KitProfile profile, WorldSpec world, params Command[] steps)
    {
        await using var target = new InProcessTarget();
        target.Control!.ServerProfile = ProfileJson.Write(profile);
        return await new ScenarioRunner(target, TimeSpan.Zero, null).RunAsync(new Scenario(world, [.. steps]), profile, null, null, TestContext.Current.CancellationToken);
    }
}
