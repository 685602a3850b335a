using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Domain;

public sealed class RecorderConcurrencyTests
{
    [Fact]
    public async Task Many_sessions_pausing_and_resuming_at_once_leave_consistent_states_and_histories()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        long[] couples = [TestWorlds.AgentsCouple, TestWorlds.OthersCouple, TestWorlds.InternalCouple];
        var sessions = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => LegacyClient.LoggedInAsync(http, "admin", "secret")));
        var applied = new System.Collections.Concurrent.ConcurrentBag<(long Couple, bool Paused)>();

        await Task.WhenAll(sessions.Select((session, s) => Task.Run(async () =>
        {
            var random = new Random(s);
            for (var i = 0; i < 60; i++)
            {
                var couple = couples[random.Next(couples.Length)];
                var paused = random.Next(2) == 0;
                var response = await session.SetPausedAsync(couple, paused ? "paused=true" : "paused=false", random.Next(2) == 0 ? HttpMethod.Post : HttpMethod.Put);
                response.EnsureSuccessStatusCode();
                applied.Add((couple, paused));
            }
        })));

        foreach (var id in couples)
        {
            var state = recorder.Recorder.Find(id)!;
            HistoryIsSerial(state.History);
            var requests = applied.Where(a => a.Couple == id).ToList();
            state.History.Count.ShouldBeLessThanOrEqualTo(requests.Count(r => r.Paused), "one interval at most per pause request");
            if (state.History.Count == 0)
            {
                requests.ShouldAllBe(r => !r.Paused, "a pause request was lost");
            }
        }
    }

    [Fact]
    public async Task Concurrent_pauses_of_one_couple_open_exactly_one_interval()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var sessions = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => LegacyClient.LoggedInAsync(http, "admin", "secret")));

        var responses = await Task.WhenAll(sessions.Select(s => Task.Run(() => s.PauseAsync(TestWorlds.AgentsCouple))));

        responses.ShouldAllBe(r => r.StatusCode == System.Net.HttpStatusCode.NoContent, "PSE-3");
        recorder.Recorder.Find(TestWorlds.AgentsCouple)!.History.ShouldHaveSingleItem("PSE-3: only the first pause opens an interval").IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void Interleaved_domain_calls_from_many_threads_alternate_pause_and_resume_without_gaps()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(FakeRecorder.Epoch);
        var recorder = new Recorder(TestWorlds.Small(), time);
        var ids = Enumerable.Range(0, 8).Select(_ => recorder.Login("admin", "secret", true, null).SessionId).ToArray();
        var transitions = 0;

        Parallel.For(0, 8, t =>
        {
            for (var i = 0; i < 2000; i++)
            {
                var result = recorder.SetPaused(ids[t], TestWorlds.AgentsCouple, (i + t) % 2 == 0);
                if (result.Changed)
                {
                    Interlocked.Increment(ref transitions);
                }

                if (i % 100 == 0)
                {
                    HistoryIsSerial(recorder.Find(TestWorlds.AgentsCouple)!.History); // a reader never sees half an update
                }
            }
        });

        var state = recorder.Find(TestWorlds.AgentsCouple)!;
        var history = state.History;
        HistoryIsSerial(history);
        ((history.Count + state.ForgottenIntervals) * 2 - (history[^1].IsOpen ? 1 : 0)).ShouldBe(
            transitions, "every effective change is in the history or counted among the intervals it forgot, and nothing else");
    }

    /// <summary>
    /// Pauses take the couple's own lock, not the recorder's; its end takes it too. A pause racing the end lands before it
    /// or is refused as a pause of an ended couple: nothing changes a couple's history once its end is answered.
    /// </summary>
    [Fact]
    public async Task PSE_1_Pauses_racing_the_couples_end_land_before_it_or_are_refused()
    {
        var recorder = new Recorder(TestWorlds.Small(), TimeProvider.System);
        var ids = Enumerable.Range(0, 2).Select(_ => recorder.Login("admin", "secret", true, null).SessionId).ToArray();
        var refusedAfterEnd = 0;

        for (var round = 0; round < 300; round++)
        {
            var couple = recorder.StartCall(new NewCall("5550001", "10010")).Id;
            using var go = new Barrier(ids.Length + 1);
            var togglers = ids.Select((id, t) => Task.Run(() =>
            {
                go.SignalAndWait();
                for (var i = 0; ; i++)
                {
                    var result = recorder.SetPaused(id, couple, (i + t) % 2 == 0);
                    if (result.Access != Access.Granted)
                    {
                        result.Access.ShouldBe(Access.UnknownCouple, "PSE-1: an ended couple is unknown");
                        Interlocked.Increment(ref refusedAfterEnd);
                        return;
                    }
                }
            })).ToArray();

            go.SignalAndWait();
            Thread.SpinWait(200 * (round % 20));
            recorder.EndCall(couple).ShouldBeTrue();
            var atEnd = recorder.Find(couple)!;
            await Task.WhenAll(togglers);

            var after = recorder.Find(couple)!;
            (after.History.Count + after.ForgottenIntervals, after.Paused).ShouldBe(
                (atEnd.History.Count + atEnd.ForgottenIntervals, atEnd.Paused), $"round {round}: the history changed after the end was answered");
            HistoryIsSerial(after.History);
            after.History.ShouldAllBe(interval => interval.PausedAt <= after.EndedAt && (interval.IsOpen || interval.ResumedAt <= after.EndedAt));
        }

        refusedAfterEnd.ShouldBe(600, "every toggler met the end");
    }

    /// <summary>A reset publishes the new world's couples whole: a couple in both worlds is found all along.</summary>
    [Fact]
    public async Task A_couple_in_the_world_before_a_reset_and_after_it_is_never_unknown_meanwhile()
    {
        // Arrange: a world of 100,000 calls, whose reset takes long enough to be read in the middle of
        var calls = Enumerable.Range(0, 100_000).Select(i => new NewCall($"555{i:D7}", $"1{(i % 90_000) + 10_000}")).ToArray();
        var world = new World(0, RecorderProfile.Default, [TestWorlds.Admin], calls);
        var recorder = new Recorder(world, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(FakeRecorder.Epoch));
        var last = recorder.Couples()[^1].Couple.Id;
        using var done = new CancellationTokenSource();

        // Act: three resets to the same world, the couple read again and again meanwhile
        var resets = Task.Run(() =>
        {
            for (var i = 0; i < 3; i++)
            {
                recorder.Reset(world);
            }

            done.Cancel();
        }, TestContext.Current.CancellationToken);
        var (reads, unknown) = (0, 0);
        while (!done.IsCancellationRequested)
        {
            reads++;
            unknown += recorder.Find(last) is null ? 1 : 0;
        }

        await resets;

        // Assert
        reads.ShouldBeGreaterThan(0);
        unknown.ShouldBe(0, $"{unknown} of {reads} reads found no couple {last} during a reset");
    }

    /// <summary>
    /// A list judged in the world before a reset waits for the recorder's lock the reset holds; it then lists the world it
    /// was judged in, or is judged again in the new one, never lists the new world's couples to the old world's user.
    /// </summary>
    [Fact]
    public async Task LST_1_A_list_judged_just_before_a_reset_never_lists_the_world_after_it()
    {
        // Arrange: admin's session in the world before; the world after has other couples and no admin
        var clock = new HoldingClock(FakeRecorder.Epoch);
        var recorder = new Recorder(TestWorlds.Small(), clock);
        var session = recorder.Login("admin", "secret", true, null).SessionId;
        var before = recorder.Couples().Select(c => c.Couple.Id).ToHashSet();
        var after = new World(2, RecorderProfile.Default, [TestWorlds.Monitor], [new NewCall("7770001", "7770002")], FirstCoupleId: 90_001);

        // Act: the list held as it reads the time for its session, a reset begun meanwhile, then the list let go
        clock.HoldNextReading();
        var list = Task.Run(() => recorder.List(session, CoupleFilter.None), TestContext.Current.CancellationToken);
        clock.Holding.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken).ShouldBeTrue();
        var reset = Task.Run(() => recorder.Reset(after), TestContext.Current.CancellationToken);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        clock.Released.Set();
        var result = await list;
        await reset;

        // Assert
        if (result.Access == Access.Granted)
        {
            result.Couples.ShouldAllBe(c => before.Contains(c.Couple.Id), "LST-1: a list granted in the world before lists that world");
        }
        else
        {
            result.Access.ShouldBe(Access.NotLoggedIn, "judged again after the reset, which ended every session");
        }
    }

    /// <summary>Intervals follow one another: each but the last is closed, none overlaps the next, none ends before it starts.</summary>
    private static void HistoryIsSerial(IReadOnlyList<PauseInterval> history)
    {
        for (var i = 0; i < history.Count; i++)
        {
            var interval = history[i];
            if (i < history.Count - 1)
            {
                interval.IsOpen.ShouldBeFalse($"interval {i} is open but is not the last");
                interval.ResumedAt!.Value.ShouldBeLessThanOrEqualTo(history[i + 1].PausedAt, $"interval {i} overlaps the next");
            }

            if (!interval.IsOpen)
            {
                interval.ResumedAt!.Value.ShouldBeGreaterThanOrEqualTo(interval.PausedAt);
                interval.ResumedBy.ShouldNotBeNull();
            }
        }
    }
}
