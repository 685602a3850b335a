using System.Net;
using Microsoft.Extensions.Time.Testing;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using PauseResume.Simulator.Time;

namespace PauseResume.Simulator.Tests.Hosting;

/// <summary>Idle sessions are ended on the simulator's clock, not only when their id comes back (SES-6).</summary>
public sealed class SessionSweeperTests
{
    [Fact]
    public async Task SES_6_A_flood_of_sessions_drops_to_zero_after_the_idle_timeout_and_no_id_comes_back()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(RecorderProfile.Default.With("sessionIdleTimeout", "00:00:03").Profile!), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var flood = new List<string>();
        for (var i = 0; i < 2_000; i++)
        {
            flood.Add(recorder.Recorder.Login("admin", "secret", true, null).SessionId);
        }

        var before = recorder.Recorder.SessionCount;
        recorder.Advance(TimeSpan.FromSeconds(60)); // 60 s of quiet: nobody comes back
        var after = recorder.Recorder.SessionCount;
        var later = new List<string>();
        for (var i = 0; i < 2_000; i++)
        {
            later.Add(recorder.Recorder.Login("admin", "secret", true, null).SessionId);
        }

        before.ShouldBe(2_000);
        after.ShouldBe(0, "SES-6: idle sessions are swept on the simulator's clock");
        later.Intersect(flood).ShouldBeEmpty("SES-4: a swept session's id is never handed out again");
        var stale = new LegacyClient(http) { SessionId = flood[^1] };
        (await stale.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task SES_6_A_swept_session_still_answers_that_it_expired()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        recorder.Advance(TimeSpan.FromMinutes(31));
        var swept = recorder.Recorder.SessionCount;
        var expired = await client.ListAsync();

        swept.ShouldBe(0, "SES-6: swept while idle");
        expired.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-6");
        (await expired.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("(SES-6)", Case.Sensitive, "the integrator is told why");
    }

    [Fact]
    public async Task SES_6_A_session_in_use_is_not_swept()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(RecorderProfile.Default.With("sessionIdleTimeout", "00:00:01").Profile!), TestContext.Current.CancellationToken);
        var id = recorder.Recorder.Login("admin", "secret", true, null).SessionId;

        for (var i = 0; i < 10; i++)
        {
            recorder.Advance(TimeSpan.FromMilliseconds(900));
            recorder.Recorder.List(id, CoupleFilter.None).Access.ShouldBe(Access.Granted, $"SES-6: in use at {i}");
        }

        recorder.Recorder.SessionCount.ShouldBe(1);
    }

    /// <summary>A fast clock must not wake the host a thousand times a second to sweep: an idle simulator stays idle.</summary>
    [Fact]
    public async Task SES_6_On_a_clock_a_thousand_times_the_hosts_sweeps_are_spaced_by_the_hosts_time_and_still_end_idle_sessions()
    {
        // Arrange: x1000, and sessions that expire after 3 simulated seconds
        var host = new CountingHost(new FakeTimeProvider(FakeRecorder.Epoch));
        using var clock = new SimulatorClock(host, new ClockSetting(ClockMode.Scaled, 1000));
        var recorder = new Recorder(TestWorlds.Small(RecorderProfile.Default.With("sessionIdleTimeout", "00:00:03").Profile!), clock);
        recorder.Login("admin", "secret", true, null);
        using var sweeper = new SessionSweeper(recorder, clock);
        await sweeper.StartAsync(TestContext.Current.CancellationToken);

        // Act: one second of the host's time, a thousand simulated seconds, in steps of a millisecond
        for (var i = 0; i < 1000; i++)
        {
            host.Fake.Advance(TimeSpan.FromMilliseconds(1));
        }

        await sweeper.StopAsync(TestContext.Current.CancellationToken);

        // Assert
        recorder.SessionCount.ShouldBe(0, "SES-6: the idle session was swept");
        host.Wakes.ShouldBeLessThan(20, "a sweep a simulated second apart woke the host every millisecond");
    }

    /// <summary>A host clock that counts how often the simulator's clock set its timer.</summary>
    private sealed class CountingHost(FakeTimeProvider fake) : TimeProvider
    {
        private int wakes;

        public FakeTimeProvider Fake => fake;

        public int Wakes => Volatile.Read(ref wakes);

        public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            new Counted(this, fake.CreateTimer(callback, state, dueTime, period));

        private sealed class Counted(CountingHost host, ITimer inner) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                Interlocked.Increment(ref host.wakes);
                return inner.Change(dueTime, period);
            }

            public void Dispose() => inner.Dispose();

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
