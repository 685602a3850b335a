using PauseResume.Simulator.Json;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Hosting;

/// <summary>The typed control API client drives the simulator as the JSON does, and says why when refused.</summary>
public sealed class SimulatorControlClientTests
{
    [Fact]
    public async Task A_call_started_through_the_client_is_listed_read_and_ended()
    {
        // Arrange
        var cancel = TestContext.Current.CancellationToken;
        await using var recorder = await FakeRecorder.StartAsync(cancel);
        var control = recorder.CreateControlClient();

        // Act
        var started = await control.StartCallAsync(new CallJson("5550100", "10031", Direction: "incoming"), cancel);
        var listed = await control.ListCallsAsync(cancellationToken: cancel);
        await control.EndCallAsync(started.CoupleId, cancel);
        var ended = await control.GetCallAsync(started.CoupleId, cancel);

        // Assert
        listed.ShouldHaveSingleItem().CoupleId.ShouldBe(started.CoupleId);
        recorder.Recorder.Find(started.CoupleId)!.Couple.CalledNumber.ShouldBe("10031");
        ended.InProgress.ShouldBeFalse();
        (await control.ListCallsAsync(cancellationToken: cancel)).ShouldBeEmpty("LST-7: an ended couple is not listed");
    }

    [Fact]
    public async Task Users_profile_reset_log_and_audit_go_through_the_client()
    {
        // Arrange
        var cancel = TestContext.Current.CancellationToken;
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), cancel);
        var control = recorder.CreateControlClient();

        // Act
        await control.PutUserAsync(new UserJson("dora", "pw", ["CallList"], ["10031"]), cancel);
        var users = await control.ListUsersAsync(cancel);
        // Any read-only dictionary, not only a Dictionary: the client's JSON knows the simulator's own types only.
        var profile = await control.ChangeProfileAsync(new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(
            new Dictionary<string, string> { ["pausedParameter"] = "jaxrs-lenient" }), cancel);
        await control.ResetAsync(cancellationToken: cancel);
        var log = await control.LogAsync(cancel);
        var audit = await control.AuditAsync(cancel);

        // Assert
        users.Select(u => u.Login).ShouldContain("dora");
        profile["pausedParameter"].ShouldBe("jaxrs-lenient");
        recorder.Recorder.Users().ShouldNotContain(u => u.Login == "dora", "an empty reset returns to the start world");
        log.ShouldContain(l => l.StartsWith("POST /simulator/users → 201", StringComparison.Ordinal), string.Join("\n", log));
        audit.Clean.ShouldBeTrue();
    }

    [Fact]
    public async Task A_refused_request_throws_with_the_status_and_the_simulators_reason()
    {
        // Arrange
        var cancel = TestContext.Current.CancellationToken;
        await using var recorder = await FakeRecorder.StartAsync(cancel);

        // Act
        var failure = await Should.ThrowAsync<SimulatorControlException>(() => recorder.CreateControlClient().GetCallAsync(42, cancel));

        // Assert
        failure.Status.ShouldBe(404);
        failure.Message.ShouldContain("couple 42 is unknown");
    }

    [Fact]
    public async Task The_client_sends_the_control_token_it_was_given()
    {
        // Arrange
        var cancel = TestContext.Current.CancellationToken;
        await using var recorder = await FakeRecorder.CreateBuilder().WithControl(new Simulator.Hosting.ControlOptions(Token: "s3cret")).StartAsync(cancel);

        // Act
        var without = await Should.ThrowAsync<SimulatorControlException>(() => recorder.CreateControlClient().ListUsersAsync(cancel));
        var with = await recorder.CreateControlClient("s3cret").ListUsersAsync(cancel);

        // Assert
        without.Status.ShouldBe(401);
        with.ShouldBeEmpty();
    }
}
