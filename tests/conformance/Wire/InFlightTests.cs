using PauseResume.Conformance.Model;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Wire;

/// <summary>
/// A request already sent when the run is told to stop (--budget ran out, an interrupt) is waited for: a recorder takes
/// a request whose client went away, so a pause given up on may land after the clean-up's put-back, and leave a real
/// call paused that the final audit then calls changed (PSE-1), a documented rule broken on a faithful recorder.
/// </summary>
public sealed class InFlightTests
{
    [Fact]
    public async Task PSE_1_A_pause_in_flight_when_the_run_stops_is_waited_for_and_its_answer_recorded()
    {
        // Arrange: a recorder that takes each pause 300 ms after it arrives, whether or not its client is still there; the
        // run is told to stop as the pause arrives
        using var stop = new CancellationTokenSource();
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            if (Rewriting.IsPausedState(request))
            {
                await stop.CancelAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(300), CancellationToken.None);
            }

            return await send(request);
        }) { InnerHandler = handler });
        ModelUser[] accounts = [new("admin", "admin", true, true, [])];
        var id = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken)).Single().Id;
        using var http = inner.CreateClient();
        var wire = new PauseResume.Conformance.Wire.Wire(http, TimeSpan.Zero, TimeProvider.System);
        await wire.LoginAsync(0, accounts[0], TestContext.Current.CancellationToken);

        // Act
        var pause = await wire.SendAsync(0, HttpMethod.Post, $"callrec/restful/couples.xml/{id}/pausedState", "paused=true", cancellationToken: stop.Token);

        // Assert
        stop.IsCancellationRequested.ShouldBeTrue("the run was told to stop while the pause was in flight");
        pause.Status.ShouldBe(204);
        wire.Sent[^1].Status.ShouldBe(204, "the clean-up knows the pause took effect");
        await Should.ThrowAsync<OperationCanceledException>(() => wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: stop.Token), "nothing more is sent once told to stop");
    }
}
