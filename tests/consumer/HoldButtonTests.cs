using PauseResume.Client;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Testing;

namespace PauseResume.Consumer.Tests;

/// <summary>
/// An integrator's first test, written against the packages alone: the client's hold button against the
/// in-process simulator. It proves the packages carry what such a test needs, and nothing of the repository.
/// </summary>
public sealed class HoldButtonTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PSE_1_The_hold_button_pauses_and_resumes_the_agents_call_and_the_audit_finds_nothing()
    {
        // Arrange: a world of the test's own: one account and the agent's call.
        await using var recorder = await FakeRecorder.CreateBuilder()
            .WithUser("admin", "admin", Permissions.CallList | Permissions.PauseAndResumeCalls)
            .WithCall("5550100", "77001", Direction.Incoming)
            .StartAsync(Token);
        var couple = recorder.Recorder.Couples().Single().Couple;
        var client = new RecorderClient(new HttpClient(recorder.CreateHandler()) { BaseAddress = recorder.BaseAddress });
        await client.LoginAsync("admin", "admin", Token);

        // Act
        var held = await client.HoldAsync(CoupleQuery.ByPhone("77001"), Token);
        var pausedWhileHeld = recorder.Recorder.Find(couple.Id)!.Paused;
        var unheld = await client.UnholdAsync(CoupleQuery.ByPhone("77001"), Token);
        await client.DisposeAsync();

        // Assert
        held.Changed.ShouldBe([couple.Id], "PSE-1: the hold button pauses the one couple of the agent's call");
        pausedWhileHeld.ShouldBeTrue("PSE-1: the couple is paused while the customer is on hold");
        unheld.Changed.ShouldBe([couple.Id], "PSE-1: taking the customer back resumes it");
        recorder.Recorder.Find(couple.Id)!.Paused.ShouldBeFalse("PSE-1");
        recorder.Audit.ShouldBeClean();
    }
}
