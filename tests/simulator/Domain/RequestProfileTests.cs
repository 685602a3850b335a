using Microsoft.Extensions.Time.Testing;
using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Tests.Domain;

/// <summary>
/// A request is answered under one profile, the one its parameters were read under, even when another is put in force
/// between that reading and the domain's checks: a request never sees half of two profiles.
/// </summary>
public sealed class RequestProfileTests
{
    private static readonly User Agent = new("agent", "agent", Permissions.CallList);

    [Fact]
    public void PSE_2_A_pause_is_refused_in_the_order_of_the_profile_its_parameter_was_read_under()
    {
        // Arrange: the request read its parameter under before-login, then after-access was put in force
        var recorder = new Recorder(World.Empty, new FakeTimeProvider(FakeRecorder.Epoch));
        var readUnder = RecorderProfile.Default with { BadPausedOrder = BadParameterOrder.BeforeLogin };
        recorder.Profile = RecorderProfile.Default with { BadPausedOrder = BadParameterOrder.AfterAccess };

        // Act
        var result = recorder.SetPaused(sessionId: null, coupleId: 1, paused: null, readUnder);

        // Assert
        result.Access.ShouldBe(Access.BadParameter, "PSE-2: badPausedOrder=before-login, the profile of the request, refuses the parameter before the login");
        recorder.SetPaused(null, 1, null).Access.ShouldBe(Access.NotLoggedIn, "PSE-2: the profile in force checks the login first");
    }

    [Fact]
    public void LST_6_A_list_is_refused_in_the_order_of_the_profile_its_filter_was_read_under()
    {
        // Arrange
        var recorder = new Recorder(World.Empty, new FakeTimeProvider(FakeRecorder.Epoch));
        var readUnder = RecorderProfile.Default with { BadDirectionOrder = BadParameterOrder.BeforeLogin };

        // Act
        var result = recorder.List(sessionId: null, filter: null, readUnder);

        // Assert
        result.Access.ShouldBe(Access.BadParameter, "LST-6: the filter's profile says before-login");
        recorder.List(null, null).Access.ShouldBe(Access.NotLoggedIn, "LST-6: the profile in force says after-access");
    }

    [Fact]
    public void SES_4_A_login_keeps_the_session_its_profile_says_even_if_another_was_put_in_force_meanwhile()
    {
        // Arrange: a session known before login; the request was read under loginSessionId=kept
        var recorder = new Recorder(World.Empty with { Users = [Agent] }, new FakeTimeProvider(FakeRecorder.Epoch));
        var readUnder = RecorderProfile.Default with { LoginSessionId = LoginSessionId.Kept };
        var known = recorder.Login(null, null, requestCarriedCookie: true, priorSessionId: null, readUnder).SessionId;

        // Act
        var result = recorder.Login("agent", "agent", requestCarriedCookie: true, priorSessionId: known, readUnder);

        // Assert
        result.SessionId.ShouldBe(known, "SES-4: loginSessionId=kept authenticates the very id the request named");
        recorder.LoginOf(known).ShouldBe("agent");
    }

    [Fact]
    public void SES_4_The_session_cap_in_force_holds_whatever_profile_a_login_was_read_under()
    {
        // Arrange: the cap was lowered to one after the logins' fields were read under a cap of 10,000
        var recorder = new Recorder(World.Empty with { Users = [Agent] }, new FakeTimeProvider(FakeRecorder.Epoch));
        var readUnder = recorder.Profile;
        recorder.Profile = RecorderProfile.Default with { MaxActiveSessions = 1 };

        // Act
        for (var i = 0; i < 3; i++)
        {
            recorder.Login("agent", "agent", requestCarriedCookie: true, priorSessionId: null, readUnder).Verdict.ShouldBe(LoginVerdict.LoggedIn);
        }

        // Assert
        recorder.SessionCount.ShouldBe(1, "SES-4: maxActiveSessions bounds the sessions kept at every moment");
    }
}
