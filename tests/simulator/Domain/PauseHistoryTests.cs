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
}
