using Microsoft.Extensions.Time.Testing;
using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Tests.Domain;

/// <summary>A couple keeps only its latest pause intervals: pausing and resuming it without end costs bounded memory.</summary>
public sealed class PauseHistoryTests
{
    [Fact]
    public void PSE_1_Only_the_latest_intervals_are_kept_the_earlier_ones_are_counted_and_the_state_stays_right()
    {
        // Arrange
        var clock = new FakeTimeProvider(FakeRecorder.Epoch);
        var recorder = new Recorder(World.Empty with { Users = [new User("agent", "agent", Permissions.CallList | Permissions.PauseAndResumeCalls)] }, clock);
        var id = recorder.StartCall(new NewCall("5550100", "10031")).Id;
        var session = recorder.Login("agent", "agent", requestCarriedCookie: true, priorSessionId: null).SessionId;

        // Act: three intervals more than are kept, the last left open
        for (var i = 0; i < Recorder.MaxPauseIntervals + 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            recorder.SetPaused(session, id, true).Changed.ShouldBeTrue();
            if (i < Recorder.MaxPauseIntervals + 2)
            {
                recorder.SetPaused(session, id, false).Changed.ShouldBeTrue();
            }
        }

        // Assert
        var state = recorder.Find(id).ShouldNotBeNull();
        state.History.Count.ShouldBe(Recorder.MaxPauseIntervals);
        state.ForgottenIntervals.ShouldBe(3);
        state.History[0].PausedAt.ShouldBe(FakeRecorder.Epoch.AddSeconds(4), "the three earliest are the ones forgotten");
        state.Paused.ShouldBeTrue("PSE-1: the open interval, the latest, is kept");
        recorder.SetPaused(session, id, true).Changed.ShouldBeFalse("PSE-3: still paused");
    }

    [Fact]
    public void GEN_3_The_history_of_the_whole_world_keeps_the_latest_intervals_the_oldest_forgotten_first_however_many_legs_a_pause_changes()
    {
        // Arrange: pauseScope=call on a call of four legs, so every pause adds four intervals, and room for ten of them
        var clock = new FakeTimeProvider(FakeRecorder.Epoch);
        var recorder = new Recorder(World.Empty with { Users = [new User("agent", "agent", Permissions.CallList | Permissions.PauseAndResumeCalls)] }, clock)
        {
            PauseIntervalsKeptCap = 10,
        };
        recorder.Profile = RecorderProfile.Default with { PauseScope = PauseScope.Call };
        var first = recorder.StartCall(new NewCall("5550100", "10031"));
        long[] legs = [first.Id, .. Enumerable.Range(0, 3).Select(i => recorder.StartCall(new NewCall("5550100", $"1004{i}", CallId: first.CallId)).Id)];
        var session = recorder.Login("agent", "agent", requestCarriedCookie: true, priorSessionId: null).SessionId;

        // Act: five pauses and resumes of the call (twenty intervals), then a sixth pause left open
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            recorder.SetPaused(session, first.Id, true).Changed.ShouldBeTrue();
            recorder.SetPaused(session, first.Id, false).Changed.ShouldBeTrue();
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        recorder.SetPaused(session, first.Id, true).Changed.ShouldBeTrue();

        // Assert
        var states = legs.Select(id => recorder.Find(id).ShouldNotBeNull()).ToList();
        states.Sum(s => s.History.Count).ShouldBeLessThanOrEqualTo(10, "GEN-3: no more intervals are kept across the world than its bound");
        states.Sum(s => s.History.Count + s.ForgottenIntervals).ShouldBe(24, "every interval forgotten is counted by its couple");
        states.ShouldAllBe(s => s.Paused, "PSE-1: the open interval of each leg is never forgotten");
        states.SelectMany(s => s.History).Min(i => i.PausedAt).ShouldBeGreaterThan(FakeRecorder.Epoch.AddSeconds(3), "the oldest are the ones forgotten");
    }
}
