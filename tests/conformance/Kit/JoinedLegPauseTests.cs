using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// PSE-1, PSE-3 (inferred): a pause that changes nothing on the couple it names meets legs of its call in the other state
/// only after a leg joins a paused call, and a pause of the paused couple right after that was too rare an order of drawn
/// steps for the kit to meet it. Whether such a pause reaches those legs no rule says: the profile names it
/// (unchangedPauseReach), and a recorder that does otherwise differs on it.
/// </summary>
public sealed class JoinedLegPauseTests
{
    [Fact]
    public void Every_leg_that_joins_a_call_is_followed_by_slot_As_pause_of_the_couple_it_joins_and_half_are_preceded_by_it_too()
    {
        // Arrange
        var can = new Capabilities(Control: true, Clock: true, Pause: true);

        // Act
        var scenarios = Enumerable.Range(0, 300).Select(run => ScenarioGen.Sample(ScenarioGen.Scenario(can, null, 30), 7, run, 30)).ToList();

        // Assert
        var joins = scenarios.SelectMany(s => s.Steps.Select((step, i) => (s.Steps, i))).Where(p => p.Steps[p.i] is StartCallCommand { Joins: not null }).ToList();
        joins.Count.ShouldBeGreaterThan(20, "legs join calls in the generated scenarios");
        joins.Select(p => ((StartCallCommand)p.Steps[p.i]).Joins!.Index % 2).Distinct().Count().ShouldBe(2, "joins of either kind");
        foreach (var (steps, i) in joins)
        {
            var joined = ((StartCallCommand)steps[i]).Joins!;
            if (joined.Index % 2 == 0)
            {
                steps[i - 1].ShouldBe(new SetPausedCommand(0, joined with { PausedFirst = true }, Put: false, PausedValue.True, InQuery: false));
            }
            else if (i > 0)
            {
                steps[i - 1].ShouldNotBe(new SetPausedCommand(0, joined with { PausedFirst = true }, Put: false, PausedValue.True, InQuery: false));
            }

            steps[i + 1].ShouldBe(new SetPausedCommand(0, joined with { PausedFirst = true }, Put: false, PausedValue.True, InQuery: false));
        }
    }

    [Fact]
    public void A_pause_step_not_beside_a_join_resolves_among_every_couple_as_before()
    {
        // Arrange
        var can = new Capabilities(Control: true, Clock: true, Pause: true);

        // Act
        var scenarios = Enumerable.Range(0, 300).Select(run => ScenarioGen.Sample(ScenarioGen.Scenario(can, null, 30), 7, run, 30)).ToList();

        // Assert
        var drawn = scenarios.SelectMany(s => s.Steps.Where((step, i) => step is SetPausedCommand && (i == 0 || s.Steps[i - 1] is not StartCallCommand { Joins: not null }) && (i == s.Steps.Length - 1 || s.Steps[i + 1] is not StartCallCommand { Joins: not null }))).Cast<SetPausedCommand>().ToList();
        drawn.ShouldNotBeEmpty();
        drawn.ShouldAllBe(p => !p.Couple.PausedFirst);
    }

    /// <summary>
    /// PSE-3 (inferred): a recorder under pauseScope=call answers a pause of a paused couple (unchangedPauseStatus) and
    /// pauses the other legs of its call that record where it answers a success, always (one that goes through the call's
    /// legs), or never (one that answers for the couple named first): unchangedPauseReach. The kit told under that profile
    /// expects it; it had called a 409 that reached them a documented PSE-1 break, and a 204 that did not a pauseScope
    /// difference.
    /// </summary>
    [Theory]
    [InlineData("409", "success")]
    [InlineData("409", "call")]
    [InlineData("409", "named")]
    [InlineData("204", "success")]
    [InlineData("204", "call")]
    [InlineData("204", "named")]
    public async Task PSE_1_A_pause_that_changes_nothing_on_its_couple_reaches_the_other_legs_of_its_call_as_unchangedPauseReach_says(string unchangedPauseStatus, string reach)
    {
        // Act
        var outcome = await JoinedAsync(unchangedPauseStatus, reach, reach);

        // Assert: the pause of the paused couple is answered as the profile says, and no rule is broken or differs
        var trace = Support.Rewriting.Trace(outcome);
        outcome.Trace.Count(line => line.Contains("with 'paused=true' → " + unchangedPauseStatus, StringComparison.Ordinal)).ShouldBe(unchangedPauseStatus == "204" ? 2 : 1, trace);
        outcome.Trace.ShouldContain(line => line.Contains("unchangedPauseReach=" + reach, StringComparison.Ordinal), trace);
        outcome.Broken.ShouldBeNull(trace);
    }

    /// <summary>
    /// PSE-1 (inferred: unchangedPauseReach): a recorder whose pause that changes nothing reaches the joined leg where the
    /// profile says it does not, or the other way round, differs on that setting: never a documented break.
    /// </summary>
    [Theory]
    [InlineData("204", "success", "named")]
    [InlineData("204", "named", "call")]
    [InlineData("409", "call", "success")]
    [InlineData("409", "named", "call")]
    public async Task PSE_1_A_pause_that_changes_nothing_and_reaches_the_joined_leg_otherwise_than_the_profile_says_differs_on_unchangedPauseReach(string unchangedPauseStatus, string server, string kit)
    {
        // Act
        var outcome = await JoinedAsync(unchangedPauseStatus, server, kit);

        // Assert
        (outcome.Broken?.Rule, outcome.Broken?.Documented).ShouldBe(("PSE-1", false), Support.Rewriting.Trace(outcome));
        outcome.Broken!.What.ShouldContain("unchangedPauseReach=" + kit, customMessage: Support.Rewriting.Trace(outcome));
    }

    /// <summary>
    /// The simulator under pauseScope=call, <paramref name="unchangedPauseStatus"/> and unchangedPauseReach
    /// <paramref name="server"/>, checked under the same profile but for <paramref name="kit"/>: the first couple paused, a
    /// leg joins its call, the paused couple is paused again, then resumed, then a list.
    /// </summary>
    private static async Task<RunOutcome> JoinedAsync(string unchangedPauseStatus, string server, string kit)
    {
        await using var target = new InProcessTarget();
        var profile = KitProfile.Default.With(ProfileSettings.PauseScope, "call").Profile!.With(ProfileSettings.UnchangedPauseStatus, unchangedPauseStatus).Profile!;
        target.Control!.ServerProfile = ProfileJson.Write(profile.With(ProfileSettings.UnchangedPauseReach, server).Profile! with { Name = "recorder" });
        profile = profile.With(ProfileSettings.UnchangedPauseReach, kit).Profile!;
        var world = new WorldSpec(5, [new ModelUser("admin", "pw-admin", true, true, [])], [new CallSpec("5551234", "10021", "10.0.0.5", "10.0.1.21")]);
        var scenario = new Scenario(world,
        [
            new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true),
            new SetPausedCommand(0, new CoupleRef(0), Put: false, PausedValue.True, InQuery: false),
            new StartCallCommand(new CallSpec("10021", "6001", "10.0.1.21", "10.0.0.6"), new CoupleRef(0)),
            new SetPausedCommand(0, new CoupleRef(0, PausedFirst: true), Put: false, PausedValue.True, InQuery: false),
            new SetPausedCommand(0, new CoupleRef(0), Put: false, PausedValue.False, InQuery: false),
            new ListCommand(0, FilterSpec.None, FilterSpec.None),
        ]);
        return await new ScenarioRunner(target, TimeSpan.Zero, null).RunAsync(scenario, profile, null, null, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// PSE-1 (inferred): of two legs in the other state, a pause refused as changing nothing reaches one and not the other:
    /// neither a recorder that answers for the couple named first nor one that goes through the call's legs does that, so
    /// it is a difference, not taken as shown, and not a documented break either.
    /// </summary>
    [Fact]
    public async Task PSE_1_A_pause_that_changes_nothing_and_reaches_one_other_leg_of_two_differs()
    {
        // Act
        var outcome = await WithRefusalAsync("call", calls: 1, joins: 2, (recorder, named, session) =>
        {
            var scope = recorder.Recorder.Profile;
            recorder.Recorder.Profile = scope with { PauseScope = PauseResume.Simulator.Domain.PauseScope.Couple };
            recorder.Recorder.SetPaused(session, OtherLegs(recorder, named).Min(), true);
            recorder.Recorder.Profile = scope;
        });

        // Assert
        (outcome.Broken?.Rule, outcome.Broken?.Documented).ShouldBe(("PSE-1", false), Support.Rewriting.Trace(outcome));
        outcome.Broken!.What.ShouldContain("unchangedPauseReach", customMessage: Support.Rewriting.Trace(outcome));
    }

    /// <summary>
    /// PSE-1 (inferred: pauseScope): under a profile whose pauses reach their couple alone, a pause refused as changing
    /// nothing that reaches the other legs of its call is what a whole call's pause would do: a pauseScope difference, as
    /// for a pause taken; the kit called it a documented break, as the model kept no idea of what the other scope shows.
    /// </summary>
    [Fact]
    public async Task PSE_1_Under_pauseScope_couple_a_refusal_that_reaches_the_other_legs_differs_on_pauseScope()
    {
        // Act
        var outcome = await WithRefusalAsync("couple", calls: 1, joins: 1, (recorder, named, session) =>
        {
            foreach (var leg in OtherLegs(recorder, named))
            {
                recorder.Recorder.SetPaused(session, leg, true);
            }
        });

        // Assert
        (outcome.Broken?.Rule, outcome.Broken?.Documented).ShouldBe(("PSE-1", false), Support.Rewriting.Trace(outcome));
        outcome.Broken!.What.ShouldContain("pauseScope", customMessage: Support.Rewriting.Trace(outcome));
    }

    /// <summary>PSE-1: taking the legs of the call as shown hides nothing of another call: a couple there that a refusal paused breaks PSE-1.</summary>
    [Fact]
    public async Task PSE_1_A_refusal_that_pauses_a_couple_of_another_call_breaks_PSE_1()
    {
        // Act
        var outcome = await WithRefusalAsync("call", calls: 2, joins: 1, (recorder, named, session) =>
        {
            var call = recorder.Recorder.Couples().Single(c => c.Couple.Id == named).Couple.CallId;
            recorder.Recorder.SetPaused(session, recorder.Recorder.Couples().First(c => c.Couple.CallId != call).Couple.Id, true);
        });

        // Assert
        (outcome.Broken?.Rule, outcome.Broken?.Documented).ShouldBe(("PSE-1", true), Support.Rewriting.Trace(outcome));
    }

    private static IEnumerable<long> OtherLegs(PauseResume.Simulator.Testing.FakeRecorder recorder, long named)
    {
        var call = recorder.Recorder.Couples().Single(c => c.Couple.Id == named).Couple.CallId;
        return recorder.Recorder.Couples().Where(c => c.Couple.CallId == call && c.Couple.Id != named).Select(c => c.Couple.Id);
    }

    /// <summary>
    /// A scenario on the simulator under <paramref name="pauseScope"/> with unchangedPauseStatus=409, in a world of
    /// <paramref name="calls"/> calls: the first couple paused, <paramref name="joins"/> legs joining its call, the paused
    /// couple paused again (409), then a list; <paramref name="onRefusal"/> changes the recorder as that 409 goes out.
    /// </summary>
    private static async Task<RunOutcome> WithRefusalAsync(string pauseScope, int calls, int joins, Action<PauseResume.Simulator.Testing.FakeRecorder, long, string> onRefusal)
    {
        await using var target = new InProcessTarget((recorder, inner) => new Support.Rewriting(async (request, send) =>
        {
            var answer = await send(request);
            if (request.Method == HttpMethod.Post && Support.Rewriting.IsPausedState(request) && (int)answer.StatusCode == 409)
            {
                onRefusal(recorder, long.Parse(request.RequestUri!.AbsolutePath.Split('/')[^2], System.Globalization.CultureInfo.InvariantCulture), Support.Rewriting.SessionOf(request)!);
            }

            return answer;
        }) { InnerHandler = inner });
        var profile = KitProfile.Default.With(ProfileSettings.PauseScope, pauseScope).Profile!.With(ProfileSettings.UnchangedPauseStatus, "409").Profile!;
        target.Control!.ServerProfile = ProfileJson.Write(profile with { Name = "recorder" });
        CallSpec[] world = [new("5551234", "10021", "10.0.0.5", "10.0.1.21"), new("5559876", "10022", "10.0.0.6", "10.0.1.22")];
        var scenario = new Scenario(new WorldSpec(5, [new ModelUser("admin", "pw-admin", true, true, [])], [.. world.Take(calls)]),
        [
            new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true),
            new SetPausedCommand(0, new CoupleRef(0), Put: false, PausedValue.True, InQuery: false),
            .. Enumerable.Range(0, joins).Select(i => (Command)new StartCallCommand(new CallSpec("10021", "600" + i, "10.0.1.21", "10.0.0.6"), new CoupleRef(0))),
            new SetPausedCommand(0, new CoupleRef(0, PausedFirst: true), Put: false, PausedValue.True, InQuery: false),
            new ListCommand(0, FilterSpec.None, FilterSpec.None),
        ]);
        return await new ScenarioRunner(target, TimeSpan.Zero, null).RunAsync(scenario, profile, null, null, TestContext.Current.CancellationToken);
    }
}
