using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// PSE-1 (inferred: pauseScope, unchangedPauseStatus): a pause that changes nothing on the couple it names reaches the
/// other legs of its call in the other state, or not, as the profile says. Those legs only differ after a leg joins a
/// paused call, and a pause of the paused couple right after that was too rare an order of drawn steps for the kit to
/// meet it: a simulator whose unchanged pause never reached the other legs passed every profile.
/// </summary>
public sealed class JoinedLegPauseTests
{
    [Fact]
    public void Every_leg_that_joins_a_call_is_followed_by_slot_As_pause_of_the_paused_couple_it_joined()
    {
        // Arrange
        var can = new Capabilities(Control: true, Clock: true, Pause: true);

        // Act
        var scenarios = Enumerable.Range(0, 300).Select(run => ScenarioGen.Sample(ScenarioGen.Scenario(can, null, 30), 7, run, 30)).ToList();

        // Assert
        var joins = scenarios.SelectMany(s => s.Steps.Select((step, i) => (s.Steps, i))).Where(p => p.Steps[p.i] is StartCallCommand { Joins: not null }).ToList();
        joins.Count.ShouldBeGreaterThan(20, "legs join calls in the generated scenarios");
        foreach (var (steps, i) in joins)
        {
            var joined = ((StartCallCommand)steps[i]).Joins!;
            steps[i + 1].ShouldBe(new SetPausedCommand(0, joined with { PausedFirst = true }, Put: false, PausedValue.True, InQuery: false));
        }
    }

    [Fact]
    public void A_pause_step_not_after_a_join_resolves_among_every_couple_as_before()
    {
        // Arrange
        var can = new Capabilities(Control: true, Clock: true, Pause: true);

        // Act
        var scenarios = Enumerable.Range(0, 300).Select(run => ScenarioGen.Sample(ScenarioGen.Scenario(can, null, 30), 7, run, 30)).ToList();

        // Assert
        var drawn = scenarios.SelectMany(s => s.Steps.Where((step, i) => step is SetPausedCommand && (i == 0 || s.Steps[i - 1] is not StartCallCommand { Joins: not null }))).Cast<SetPausedCommand>().ToList();
        drawn.ShouldNotBeEmpty();
        drawn.ShouldAllBe(p => !p.Couple.PausedFirst);
    }
}
