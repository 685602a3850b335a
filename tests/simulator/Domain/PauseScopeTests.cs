using Microsoft.Extensions.Time.Testing;
using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Tests.Domain;

/// <summary>
/// PSE-1 pauses "the recording of that call"; whether a pause of one couple reaches the call's other couples (a transfer,
/// a conference) is not documented, so it is the pauseScope setting.
/// </summary>
public sealed class PauseScopeTests
{
    private readonly FakeTimeProvider clock = new(FakeRecorder.Epoch);

    private (Recorder Recorder, string Session, long First, long Second, long OtherCall) TwoLegCall(RecorderProfile profile)
    {
        var recorder = new Recorder(World.Empty with { Profile = profile, Users = [new User("agent", "agent", Permissions.CallList | Permissions.PauseAndResumeCalls)] }, clock);
        var first = recorder.StartCall(new NewCall("5550100", "10031"));
        var second = recorder.StartCall(new NewCall("10031", "10032", CallId: first.CallId));
        var other = recorder.StartCall(new NewCall("5550101", "10033"));
        var session = recorder.Login("agent", "agent", requestCarriedCookie: true, priorSessionId: null).SessionId;
        return (recorder, session!, first.Id, second.Id, other.Id);
    }

    private static bool PausedNow(Recorder recorder, long id) => recorder.Find(id).ShouldNotBeNull().Paused;

    [Fact]
    public void PSE_1_By_default_a_pause_reaches_the_named_couple_only()
    {
        var (recorder, session, first, second, other) = TwoLegCall(RecorderProfile.Default);

        recorder.SetPaused(session, first, true).Changed.ShouldBeTrue();

        PausedNow(recorder, first).ShouldBeTrue();
        PausedNow(recorder, second).ShouldBeFalse("pauseScope=couple: the other leg of the call records on");
        PausedNow(recorder, other).ShouldBeFalse();
    }

    [Fact]
    public void PSE_1_Under_pauseScope_call_a_pause_and_a_resume_reach_every_couple_of_the_call_and_no_other()
    {
        var (recorder, session, first, second, other) = TwoLegCall(RecorderProfile.Default with { PauseScope = PauseScope.Call });

        recorder.SetPaused(session, first, true).Changed.ShouldBeTrue();
        PausedNow(recorder, second).ShouldBeTrue("the call's other couple is paused with it");
        PausedNow(recorder, other).ShouldBeFalse("a couple of another call is not");
        recorder.Find(second)!.History.Single().PausedBy.ShouldBe("agent");

        recorder.SetPaused(session, second, false).Changed.ShouldBeTrue();
        PausedNow(recorder, first).ShouldBeFalse("a resume of either leg resumes the call");
        PausedNow(recorder, second).ShouldBeFalse();
    }

    /// <summary>
    /// PSE-1, PSE-3: a pause of a paused couple changes nothing on it, and whether it reaches a leg that joined the call
    /// recording since is unchangedPauseReach: where it is answered as a success (by default), always, or never.
    /// </summary>
    [Theory]
    [InlineData(UnchangedPauseReach.Success, 204, true)]
    [InlineData(UnchangedPauseReach.Success, 409, false)]
    [InlineData(UnchangedPauseReach.Call, 204, true)]
    [InlineData(UnchangedPauseReach.Call, 409, true)]
    [InlineData(UnchangedPauseReach.Named, 204, false)]
    [InlineData(UnchangedPauseReach.Named, 409, false)]
    public void PSE_3_Under_pauseScope_call_a_request_that_changes_nothing_on_the_named_couple_reaches_a_joined_leg_as_unchangedPauseReach_says(UnchangedPauseReach reach, int unchangedPauseStatus, bool reaches)
    {
        var (recorder, session, first, second, other) = TwoLegCall(RecorderProfile.Default with { PauseScope = PauseScope.Call, UnchangedPauseStatus = unchangedPauseStatus, UnchangedPauseReach = reach });
        recorder.SetPaused(session, first, true);
        var joined = recorder.StartCall(new NewCall("10031", "10034", CallId: recorder.Find(first)!.Couple.CallId)).Id;

        var result = recorder.SetPaused(session, second, true);

        result.Changed.ShouldBeFalse("PSE-3: the named couple was paused already");
        PausedNow(recorder, joined).ShouldBe(reaches);
        PausedNow(recorder, other).ShouldBeFalse("a couple of another call is never reached");
        PausedNow(recorder, second).ShouldBeTrue();
    }

    [Fact]
    public void PSE_1_Under_pauseScope_call_an_ended_couple_of_the_call_is_left_as_it_ended()
    {
        var (recorder, session, first, second, _) = TwoLegCall(RecorderProfile.Default with { PauseScope = PauseScope.Call });
        recorder.EndCall(second).ShouldBeTrue();

        recorder.SetPaused(session, first, true).Changed.ShouldBeTrue();

        var ended = recorder.Find(second).ShouldNotBeNull();
        ended.Paused.ShouldBeFalse();
        ended.History.ShouldBeEmpty();
    }
}
