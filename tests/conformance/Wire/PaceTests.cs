using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Wire;

/// <summary>--rate paces the run, not each wire: a run sends through many (each scenario's, the observer's, the clean-up's, the audit's).</summary>
public sealed class PaceTests
{
    [Fact]
    public async Task Two_wires_to_one_recorder_keep_the_pace_between_them()
    {
        // Arrange: the time each request reaches the recorder; two wires paced at one request per 100 ms
        var arrived = new System.Collections.Concurrent.ConcurrentQueue<long>();
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            arrived.Enqueue(System.Diagnostics.Stopwatch.GetTimestamp());
            return await send(request);
        }) { InnerHandler = handler });
        var origin = new Uri($"http://pace-{Guid.NewGuid():N}.test:8080/");
        using var first = inner.CreateClient();
        using var second = inner.CreateClient();
        first.BaseAddress = second.BaseAddress = origin;
        var pace = TimeSpan.FromMilliseconds(100);
        var wires = new[] { new PauseResume.Conformance.Wire.Wire(first, pace, TimeProvider.System), new PauseResume.Conformance.Wire.Wire(second, pace, TimeProvider.System) };

        // Act: each wire sends five lists at once with the other
        await Task.WhenAll(wires.Select(async wire =>
        {
            for (var i = 0; i < 5; i++)
            {
                await wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: TestContext.Current.CancellationToken);
            }
        }));

        // Assert
        var times = arrived.Order().ToList();
        times.Count.ShouldBe(10);
        // Ten requests one pace apart span nine paces at least (a request late to arrive can only shorten that by its own
        // delay, whatever the load); each wire paced alone, they span four.
        var span = System.Diagnostics.Stopwatch.GetElapsedTime(times[0], times[^1]);
        span.ShouldBeGreaterThan(pace * 8, $"{span.TotalMilliseconds:0} ms");
    }
}
