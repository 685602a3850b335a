using PauseResume.Conformance.Concurrency;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Concurrency;

/// <summary>PSE-1: after the agents stop, a couple whose details disagree is read again for fifteen times --settle at most.</summary>
public sealed class FinalSettlingTests
{
    [Fact]
    public async Task PSE_1_A_couple_that_never_settles_is_read_again_for_fifteen_times_settle_and_no_longer()
    {
        // Arrange: details that never show the state wanted, each read taking 70 ms of a clock the test moves on
        var time = new SteppedClock();
        var started = time.GetTimestamp();
        var readAt = new List<TimeSpan>();
        Task<Operation> ReadAsync(long couple, CancellationToken cancellationToken)
        {
            time.Advance(TimeSpan.FromMilliseconds(70));
            readAt.Add(time.GetElapsedTime(started));
            return Task.FromResult(new Operation(readAt.Count, 0, "agent", couple, OperationKind.Read, TimeSpan.Zero, TimeSpan.Zero, OperationOutcome.Done, Seen: true, Status: 200));
        }

        // Act: each wait the settling starts is let pass, once it has started, by moving the clock by exactly its length
        var settling = new FinalSettling(TimeSpan.FromSeconds(2), time).RereadAsync([24197], _ => false, ReadAsync, TestContext.Current.CancellationToken);
        while (await Task.WhenAny(time.Waits.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask(), settling) is Task<TimeSpan> wait)
        {
            time.Advance(await wait);
        }

        var reads = (await settling)[24197];

        // Assert: reads every 100 ms for the settle time, then every second, and none past 30 s (the last read's own 70 ms aside)
        var times = string.Join(", ", readAt.Select(r => r.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));
        reads.Count.ShouldBe(readAt.Count);
        readAt[^1].ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(30) + TimeSpan.FromMilliseconds(70), times);
        readAt[^1].ShouldBeGreaterThan(TimeSpan.FromSeconds(29), $"it reads until the end of the longest wait: {times}");
        readAt.Count(r => r <= TimeSpan.FromSeconds(2)).ShouldBeGreaterThanOrEqualTo(10, $"every 100 ms (and a read's 70 ms) for the settle time: {times}");
    }
}
