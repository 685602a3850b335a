using System.Collections.Immutable;
using System.Net;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// LST-5, DET-3 (inferred): that the details of a couple that has ended are answered 404 is inferred, and a recorder may
/// go on serving them, with the access rules of a couple in progress: a user with phone masks is then refused a couple
/// outside them alike whether it ended or not (403). A couple outside the masks that ended before a masked user's list
/// was asked for was expected in it, and the run said "couple … is one auditor may see by the access rules, listed",
/// then put it down to a refusal order the recorder did not have. A list tells instead: the user's own, where the probe
/// measured that it holds couples outside the masks; another account's that may see the couple; failing both, the end is
/// a guess. A couple outside the masks in progress that the list leaves out still differs on LST-5.
/// </summary>
public sealed class EndedDetailsServedTests
{
    private static readonly ModelUser[] Accounts =
    [
        new("admin", "admin", true, true, []),
        new("masked", "masked", true, false, ["1002?"]),
    ];

    /// <param name="ends">The couple outside the masks ends before the scenario (else the recorder leaves it out of the masked user's lists though the profile lists it).</param>
    /// <param name="measured">The probe measured unseenCouples=listed: the user's unfiltered list holds every couple in progress.</param>
    /// <param name="adminToo">A session of the scenario is an account without masks, whose list tells.</param>
    [Theory]
    [InlineData(true, true, false)]
    [InlineData(true, false, true)]
    [InlineData(true, false, false)]
    [InlineData(false, false, true)]
    public async Task LST_5_A_couple_outside_the_masks_refused_alike_ended_or_not_is_judged_by_a_list(bool ends, bool measured, bool adminToo)
    {
        // Arrange: one couple within the masks, one outside, both observed
        long? ended = null;
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            var answer = await send(request);
            // DET-3 (inferred): the recorder serves an ended couple's details; to the masked user, one outside the masks is refused.
            return ended is { } id && answer.StatusCode == HttpStatusCode.NotFound && Rewriting.Is(request, "GET", $"/couples.xml/{id}")
                ? new HttpResponseMessage(HttpStatusCode.Forbidden) { RequestMessage = request }
                : answer;
        }) { InnerHandler = handler });
        var settings = KitProfile.Default;
        inner.Control!.ServerProfile = ProfileJson.Write((ends ? settings : settings.With(ProfileSettings.UnseenCouples, "omitted").Profile!) with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "20030", "10.0.0.6", "10.0.2.30")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);
        if (ends)
        {
            (await inner.Control.EndCallAsync(couples[1].Id, TestContext.Current.CancellationToken)).ShouldBeTrue();
            ended = couples[1].Id;
        }

        var profile = settings with { Measured = measured ? [ProfileSettings.UnseenCouples] : [] };
        ImmutableArray<Command> steps =
        [
            new LoginCommand(0, 1, PasswordKind.Right, WithCookie: true),
            .. adminToo ? new Command[] { new LoginCommand(1, 0, PasswordKind.Right, WithCookie: true) } : [],
            new ListCommand(0, FilterSpec.None, FilterSpec.None),
        ];

        // Act
        var outcome = await new ScenarioRunner(recorder, TimeSpan.Zero, real).RunAsync(new Scenario(real.World, steps), profile, null, null, TestContext.Current.CancellationToken);

        // Assert
        var trace = $"{Rewriting.Trace(outcome)}\n{outcome.Broken?.Rule} {outcome.Broken?.What}: {outcome.Broken?.Expected} / {outcome.Broken?.Actual}";
        // Where the probe measured unseenCouples the unfiltered list alone tells an end; else the details are read.
        outcome.Transcript.Any(e => e.PathAndQuery.EndsWith($"/couples.xml/{couples[1].Id}", StringComparison.Ordinal) && e.Status == 403).ShouldBe(!measured, trace);
        if (ends)
        {
            outcome.Broken.ShouldBeNull($"LST-1: the couple ended before the list\n{trace}");
        }
        else
        {
            outcome.Broken.ShouldNotBeNull(trace);
            outcome.Broken.Rule.ShouldBe("LST-5", trace);
        }
    }
}
