using Microsoft.Extensions.Time.Testing;
using PauseResume.Simulator.Domain;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Domain;

/// <summary>The recorder tells when its state changed, after its lock is released, and only then.</summary>
public sealed class RecorderChangedTests
{
    [Fact]
    public void A_pause_raises_Changed_once_and_moves_the_version_and_a_pause_that_changes_nothing_raises_nothing()
    {
        var recorder = new Recorder(Small(), new FakeTimeProvider(FakeRecorder.Epoch));
        var session = recorder.Login("admin", "secret", requestCarriedCookie: true, null).SessionId;
        var raised = 0;
        recorder.Changed += (_, _) => raised++;
        var before = recorder.Version;

        recorder.SetPaused(session, AgentsCouple, true).Changed.ShouldBeTrue();
        recorder.SetPaused(session, AgentsCouple, true).Changed.ShouldBeFalse("PSE-3: pausing a paused couple changes nothing");
        recorder.SetPaused(null, AgentsCouple, false).Access.ShouldBe(Access.NotLoggedIn);

        raised.ShouldBe(1, "only the pause that changed the couple is a change (PSE-3, PSE-4)");
        recorder.Version.ShouldBe(before + 1);
    }

    [Fact]
    public void Starting_and_ending_a_call_and_a_reset_are_changes()
    {
        var recorder = new Recorder(Small(), new FakeTimeProvider(FakeRecorder.Epoch));
        var raised = 0;
        recorder.Changed += (_, _) => raised++;

        var couple = recorder.StartCall(new NewCall("5550001", "10019"));
        recorder.EndCall(couple.Id).ShouldBeTrue();
        recorder.EndCall(couple.Id).ShouldBeFalse();
        recorder.Reset(Small());

        raised.ShouldBe(3, "start, end and reset; ending an ended couple changes nothing");
    }

    [Fact]
    public void Changed_is_raised_after_the_lock_is_released_so_a_handler_may_wait_for_another_thread_reading_the_recorder()
    {
        var recorder = new Recorder(Small(), new FakeTimeProvider(FakeRecorder.Epoch));
        var session = recorder.Login("admin", "secret", requestCarriedCookie: true, null).SessionId;
        bool? readInHandler = null;
        recorder.Changed += (_, _) =>
        {
            // Were the lock still held here, the other thread could not read until this handler returned: the wait
            // would end only at its bound (generous: it is never reached when the recorder is right).
            var read = Task.Run(() => recorder.Find(AgentsCouple)!.Paused, TestContext.Current.CancellationToken);
            readInHandler = read.Wait(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken) && read.Result;
        };

        recorder.SetPaused(session, AgentsCouple, true);

        readInHandler.ShouldBe(true, "another thread read the recorder, and the pause, while the handler waited");
    }

    [Fact]
    public void Ending_a_given_couple_as_traffic_does_raises_Changed_after_the_lock_is_released()
    {
        // Arrange
        var recorder = new Recorder(Small(), new FakeTimeProvider(FakeRecorder.Epoch));
        var couple = recorder.StartCall(new NewCall("5550001", "10019"));
        bool? readInHandler = null;
        recorder.Changed += (_, _) =>
        {
            // As above: with the lock still held the other thread's read would wait for this handler, ending at the bound.
            var read = Task.Run(() => recorder.Find(couple.Id)!.InProgress, TestContext.Current.CancellationToken);
            readInHandler = read.Wait(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken) ? !read.Result : null;
        };

        // Act
        var ended = recorder.EndCall(couple);

        // Assert
        ended.ShouldBeTrue();
        readInHandler.ShouldBe(true, "another thread read the recorder, and the ended couple, while the handler waited");
    }
}
