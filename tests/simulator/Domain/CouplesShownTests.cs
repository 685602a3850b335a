using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Tests.Domain;

/// <summary>
/// The couples the dashboard shows are chosen in one pass: the same as ordering a snapshot of every couple in progress,
/// the paused first and then the latest, and taking the first ones.
/// </summary>
public sealed class CouplesShownTests
{
    private static readonly User Agent = new("agent", "agent", Permissions.CallList | Permissions.PauseAndResumeCalls);

    /// <summary>For each call started: whether it is then paused, whether it ends, whether it is resumed again.</summary>
    private static readonly Gen<(bool Paused, bool Ended, bool Resumed)[]> Calls =
        (from paused in Gen.Elements(true, false, false)
         from ended in Gen.Elements(true, false, false, false)
         from resumed in Gen.Elements(true, false, false, false)
         select (paused, ended, resumed)).ArrayOf();

    [Property(MaxTest = 200)]
    public Property The_paused_couples_first_then_the_latest_in_id_order_with_the_count_of_those_in_progress() =>
        Prop.ForAll(Calls.ToArbitrary(), Gen.Choose(0, 12).ToArbitrary(), Gen.Choose(0, 6).ToArbitrary(), (calls, shown, fromTheWorld) =>
        {
            // Arrange: the first calls come with the world (started as it loads), the others one by one
            var world = World.Empty with { Users = [Agent], Calls = [.. calls.Take(fromTheWorld).Select(_ => new NewCall("5550100", "10031"))] };
            var recorder = new Recorder(world, new FakeTimeProvider(FakeRecorder.Epoch));
            var session = recorder.Login("agent", "agent", requestCarriedCookie: true, priorSessionId: null).SessionId;
            var worldIds = recorder.Couples().Select(c => c.Couple.Id).ToList();
            foreach (var (i, (paused, ended, resumed)) in calls.Index())
            {
                var id = i < worldIds.Count ? worldIds[i] : recorder.StartCall(new NewCall("5550100", "10031")).Id;
                if (paused)
                {
                    recorder.SetPaused(session, id, true);
                    if (resumed)
                    {
                        recorder.SetPaused(session, id, false);
                    }
                }

                if (ended)
                {
                    recorder.EndCall(id);
                }
            }

            var all = recorder.Couples();
            var expected = all.OrderByDescending(c => c.Paused).ThenByDescending(c => c.Couple.Id).Take(shown).Select(c => c.Couple.Id).Order().ToList();

            // Act
            var (chosen, inProgress) = recorder.CouplesShown(shown);

            // Assert
            return (chosen.Select(c => c.Couple.Id).SequenceEqual(expected) && inProgress == all.Count && chosen.All(c => c.InProgress))
                .Label($"shown {string.Join(",", chosen.Select(c => c.Couple.Id))} of {inProgress}, expected {string.Join(",", expected)} of {all.Count}");
        });

    [Fact]
    public void Every_couple_in_progress_is_shown_when_there_are_fewer_than_asked_for_and_none_when_none_is()
    {
        // Arrange
        var recorder = new Recorder(World.Empty, new FakeTimeProvider(FakeRecorder.Epoch));
        var ids = Enumerable.Range(0, 3).Select(_ => recorder.StartCall(new NewCall("5550100", "10031")).Id).ToList();

        // Act, Assert
        recorder.CouplesShown(10).Shown.Select(c => c.Couple.Id).ShouldBe(ids);
        recorder.CouplesShown(0).ShouldSatisfyAllConditions(s => s.Shown.ShouldBeEmpty(), s => s.InProgress.ShouldBe(3));
        Should.Throw<ArgumentOutOfRangeException>(() => recorder.CouplesShown(-1));
    }

    [Fact]
    public async Task Chosen_while_pauses_starts_and_ends_run_on_other_threads_each_shown_couple_is_in_progress_once_in_id_order()
    {
        // Arrange
        var (recorder, session) = LoggedIn();
        var ids = Enumerable.Range(0, 2_000).Select(_ => recorder.StartCall(new NewCall("5550100", "10031")).Id).ToArray();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var pauser = PausingAndResuming(recorder, session, ids, seed: 1, stop.Token);
        var churn = Task.Run(() =>
        {
            var random = new Random(2);
            while (!stop.IsCancellationRequested)
            {
                recorder.EndCall(ids[random.Next(ids.Length)]);
                recorder.StartCall(new NewCall("5550100", "10031"));
            }
        }, TestContext.Current.CancellationToken);

        // Act, Assert
        var reads = 0;
        while (!stop.IsCancellationRequested)
        {
            var (shown, inProgress) = recorder.CouplesShown(50);
            reads++;
            shown.Count.ShouldBe(Math.Min(50, inProgress));
            shown.ShouldAllBe(c => c.InProgress, "starts and ends wait for the recorder's lock the choice holds");
            shown.Select(c => c.Couple.Id).ShouldBe(shown.Select(c => c.Couple.Id).Order().Distinct().ToList());
        }

        await Task.WhenAll(pauser, churn);
        reads.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_couple_paused_or_resumed_while_the_choice_is_made_is_shown_once()
    {
        // Arrange: fewer couples than asked for, paused and resumed without pause on another thread
        var (recorder, session) = LoggedIn();
        var ids = Enumerable.Range(0, 4).Select(_ => recorder.StartCall(new NewCall("5550100", "10031")).Id).ToArray();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var toggler = PausingAndResuming(recorder, session, ids, seed: 3, stop.Token);

        // Act, Assert: every couple in progress, each once, whatever the toggling did meanwhile
        var reads = 0;
        while (!stop.IsCancellationRequested)
        {
            recorder.CouplesShown(10).Shown.Select(c => c.Couple.Id).ShouldBe(ids, $"read {reads}");
            reads++;
        }

        await toggler;
        reads.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void After_many_calls_ended_the_choice_is_still_the_paused_then_the_latest()
    {
        // Arrange: a few couples from the start, then far more started and ended than the table keeps, then a few more
        var (recorder, session) = LoggedIn();
        var early = Enumerable.Range(0, 5).Select(_ => recorder.StartCall(new NewCall("5550100", "10031")).Id).ToList();
        recorder.SetPaused(session, early[1], true);
        for (var i = 0; i < Recorder.MaxEndedCouples + 2_000; i++)
        {
            recorder.EndCall(recorder.StartCall(new NewCall("5550100", "10031")).Id);
        }

        var late = Enumerable.Range(0, 3).Select(_ => recorder.StartCall(new NewCall("5550100", "10031")).Id).ToList();
        var expected = recorder.Couples().OrderByDescending(c => c.Paused).ThenByDescending(c => c.Couple.Id).Take(6).Select(c => c.Couple.Id).Order().ToList();

        // Act: the walk down passes more ids than the table holds, so the choice is made in one pass over the table
        var (chosen, inProgress) = recorder.CouplesShown(6);

        // Assert
        chosen.Select(c => c.Couple.Id).ShouldBe(expected);
        inProgress.ShouldBe(8);
        expected.ShouldBe(late.Concat(early.Skip(3)).Append(early[1]).Order().ToList(), "the paused couple, then the latest five");
    }

    /// <summary>A recorder on an empty world, and a session of the agent, who may pause every couple.</summary>
    private static (Recorder Recorder, string Session) LoggedIn()
    {
        var recorder = new Recorder(World.Empty with { Users = [Agent] }, new FakeTimeProvider(FakeRecorder.Epoch));
        return (recorder, recorder.Login("agent", "agent", requestCarriedCookie: true, priorSessionId: null).SessionId!);
    }

    /// <summary>Pauses and resumes couples drawn from <paramref name="ids"/> on another thread until <paramref name="stop"/>.</summary>
    private static Task PausingAndResuming(Recorder recorder, string session, long[] ids, int seed, CancellationToken stop) => Task.Run(
        () =>
        {
            var random = new Random(seed);
            while (!stop.IsCancellationRequested)
            {
                recorder.SetPaused(session, ids[random.Next(ids.Length)], random.Next(2) == 0);
            }
        },
        TestContext.Current.CancellationToken);
}
