using PauseResume.Conformance.Concurrency;

namespace PauseResume.Conformance.Tests.Concurrency;

/// <summary>PSE-1: how late the details show a pause and a resume, measured on one couple once the agents stopped.</summary>
public sealed class LagMeasurementTests
{
    /// <summary>
    /// A couple whose details show a change only at the <paramref name="readsLate"/>-th read after it, on a clock of its
    /// own: each operation takes 10 ms of it, so the lags are exact. <paramref name="refuse"/> refuses that kind of write.
    /// </summary>
    private sealed class Couple(int readsLate, OperationKind? refuse = null, bool paused = false)
    {
        private bool shown = paused;
        private bool actual = paused;
        private int behind;
        private TimeSpan now;

        public List<OperationKind> Sent { get; } = [];

        public Task<Operation> RunAsync(OperationKind kind, CancellationToken cancellationToken)
        {
            Sent.Add(kind);
            var invoked = now;
            now += TimeSpan.FromMilliseconds(10);
            if (kind == refuse)
            {
                return Task.FromResult(new Operation(Sent.Count, 0, "agent", 24197, kind, invoked, now, OperationOutcome.Refused, Status: 403));
            }

            if (kind != OperationKind.Read)
            {
                actual = kind == OperationKind.Pause;
                behind = readsLate;
                return Task.FromResult(new Operation(Sent.Count, 0, "agent", 24197, kind, invoked, now, OperationOutcome.Done, Status: 204));
            }

            shown = behind-- > 0 ? shown : actual;
            return Task.FromResult(new Operation(Sent.Count, 0, "agent", 24197, kind, invoked, now, OperationOutcome.Done, shown, 200));
        }
    }

    [Fact]
    public async Task PSE_1_The_lag_is_the_longer_of_the_pause_and_the_resume_from_the_write_sent_to_the_read_that_showed_it()
    {
        // Arrange: a couple found recording whose details show a change at the third read after it
        var couple = new Couple(readsLate: 2);

        // Act
        var lag = await new LagMeasurement(TimeSpan.FromSeconds(2), TimeProvider.System).MeasureAsync(couple.RunAsync, TestContext.Current.CancellationToken);

        // Assert: the write (10 ms) and three reads (30 ms) from the write sent to the answer that showed it
        lag.ShouldBe(TimeSpan.FromMilliseconds(40));
        couple.Sent.ShouldBe([OperationKind.Read, OperationKind.Pause, OperationKind.Read, OperationKind.Read, OperationKind.Read, OperationKind.Resume, OperationKind.Read, OperationKind.Read, OperationKind.Read]);
    }

    /// <summary>
    /// Details that show each change at the first read after its answer do not lag: the time the two requests took is no
    /// lag (taken for one, it excused windows of that length on a recorder that loses a pause when two race).
    /// </summary>
    [Fact]
    public async Task A_couple_found_paused_is_resumed_and_paused_again_and_details_that_show_it_at_once_measure_no_lag()
    {
        var couple = new Couple(readsLate: 0, paused: true);

        var lag = await new LagMeasurement(TimeSpan.FromSeconds(2), TimeProvider.System).MeasureAsync(couple.RunAsync, TestContext.Current.CancellationToken);

        lag.ShouldBe(TimeSpan.Zero);
        couple.Sent.ShouldBe([OperationKind.Read, OperationKind.Resume, OperationKind.Read, OperationKind.Pause, OperationKind.Read], "it is left as it was found");
    }

    [Fact]
    public async Task A_refused_write_measures_nothing_and_the_couple_is_not_set_back()
    {
        var couple = new Couple(readsLate: 0, refuse: OperationKind.Pause);

        var lag = await new LagMeasurement(TimeSpan.FromSeconds(2), TimeProvider.System).MeasureAsync(couple.RunAsync, TestContext.Current.CancellationToken);

        lag.ShouldBeNull();
        couple.Sent.ShouldBe([OperationKind.Read, OperationKind.Pause]);
    }

    [Fact]
    public async Task PSE_1_A_change_that_never_shows_within_fifteen_times_settle_measures_nothing()
    {
        // Arrange: details that show a change only after a thousand reads, and --settle 20 ms (fifteen times: 300 ms)
        var couple = new Couple(readsLate: 1_000);

        var lag = await new LagMeasurement(TimeSpan.FromMilliseconds(20), TimeProvider.System).MeasureAsync(couple.RunAsync, TestContext.Current.CancellationToken);

        lag.ShouldBeNull();
        couple.Sent.Count(k => k == OperationKind.Read).ShouldBeInRange(2, 5, "a read every 100 ms for 300 ms, then it gives up");
        couple.Sent.ShouldNotContain(OperationKind.Resume, "nothing is sent after a change that did not show: the clean-up puts the couple back");
    }
}
