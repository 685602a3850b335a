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

    [Fact]
    public void PSE_3_Under_pauseScope_call_the_answer_is_the_named_couples_and_a_request_that_changes_it_not_still_reaches_the_call()
    {
        var (recorder, session, first, second, _) = TwoLegCall(RecorderProfile.Default with { PauseScope = PauseScope.Call });
        recorder.SetPaused(session, first, true);
        var joined = recorder.StartCall(new NewCall("10031", "10034", CallId: recorder.Find(first)!.Couple.CallId)).Id;

        var result = recorder.SetPaused(session, second, true);

        result.Changed.ShouldBeFalse("PSE-3: the named couple was paused already");
        PausedNow(recorder, joined).ShouldBeTrue("a leg that joined the paused call recording is paused with the call");
    }

    [Fact]
    public void PSE_3_Under_pauseScope_call_a_request_that_changes_nothing_and_is_refused_changes_no_couple_of_the_call()
    {
        var (recorder, session, first, second, _) = TwoLegCall(RecorderProfile.Default with { PauseScope = PauseScope.Call, UnchangedPauseStatus = 409 });
        recorder.SetPaused(session, first, true);
        var joined = recorder.StartCall(new NewCall("10031", "10034", CallId: recorder.Find(first)!.Couple.CallId)).Id;

        recorder.SetPaused(session, second, true).Changed.ShouldBeFalse();

        PausedNow(recorder, joined).ShouldBeFalse("unchangedPauseStatus=409: the refusal changes nothing");
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
