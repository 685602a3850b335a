using PauseResume.Conformance.Concurrency;

namespace PauseResume.Conformance.Tests.Concurrency;

/// <summary>PSE-1: how late the details show a pause and a resume, measured on one couple before the agents start.</summary>
public sealed class LagMeasurementTests
{
    /// <summary>
    /// A couple whose details show a pause only at the <paramref name="pauseReadsLate"/>-th read after it and a resume at
    /// the <paramref name="resumeReadsLate"/>-th, on a clock of its own: each operation takes 10 ms of it, so the lags are
    /// exact. <paramref name="refuse"/> refuses that kind of write.
    /// </summary>
    private sealed class Couple(int pauseReadsLate, int resumeReadsLate, OperationKind? refuse = null, bool paused = false)
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
                behind = actual ? pauseReadsLate : resumeReadsLate;
                return Task.FromResult(new Operation(Sent.Count, 0, "agent", 24197, kind, invoked, now, OperationOutcome.Done, Status: 204));
            }

            shown = behind-- > 0 ? shown : actual;
            return Task.FromResult(new Operation(Sent.Count, 0, "agent", 24197, kind, invoked, now, OperationOutcome.Done, shown, 200));
        }
    }

    [Fact]
    public async Task PSE_1_Each_lag_is_at_least_from_the_answer_to_the_write_to_the_last_read_that_did_not_show_it()
    {
        // Arrange: a couple found recording whose details show a pause at the fifth read after it and a resume at the third
        var couple = new Couple(pauseReadsLate: 4, resumeReadsLate: 2);

        // Act
        var outcome = await new LagMeasurement(TimeSpan.FromSeconds(2), TimeProvider.System).MeasureAsync(couple.RunAsync, TestContext.Current.CancellationToken);

        // Assert: the pause answered at 20 ms, its fourth read sent at 50 ms did not show it; the resume answered at 80 ms, its second read sent at 90 ms
        outcome.Lags.ShouldBe(new LagMeasurement.Lags(TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(10)), outcome.Why);
        outcome.Lags!.Shortest.ShouldBe(TimeSpan.FromMilliseconds(10));
        outcome.Lags.Longest.ShouldBe(TimeSpan.FromMilliseconds(30));
        couple.Sent.ShouldBe([OperationKind.Read, OperationKind.Pause, .. Enumerable.Repeat(OperationKind.Read, 5), OperationKind.Resume, .. Enumerable.Repeat(OperationKind.Read, 3)]);
    }

    /// <summary>
    /// Details that show each change at the first read after its answer do not lag: the time the requests took (and
    /// waited for their turn under --rate) is no lag, and taken for one it excused windows of that length on a recorder
    /// that loses a pause when two race, or called a recorder late that was not.
    /// </summary>
    [Fact]
    public async Task Details_that_show_a_change_at_the_first_read_after_it_measure_no_lag_that_way()
    {
        var couple = new Couple(pauseReadsLate: 0, resumeReadsLate: 3);

        var outcome = await new LagMeasurement(TimeSpan.FromSeconds(2), TimeProvider.System).MeasureAsync(couple.RunAsync, TestContext.Current.CancellationToken);

        outcome.Lags.ShouldBe(new LagMeasurement.Lags(TimeSpan.Zero, TimeSpan.FromMilliseconds(20)), "the pause showed at once, the resume at the fourth read");
        couple.Sent.ShouldBe([OperationKind.Read, OperationKind.Pause, OperationKind.Read, OperationKind.Resume, .. Enumerable.Repeat(OperationKind.Read, 4)], "it is left recording, as it was found");
    }

    /// <summary>A couple someone holds is never resumed to measure the lag: resuming it might record what they paused it for.</summary>
    [Fact]
    public async Task A_couple_that_reads_paused_is_not_touched()
    {
        var couple = new Couple(pauseReadsLate: 0, resumeReadsLate: 0, paused: true);

        var outcome = await new LagMeasurement(TimeSpan.FromSeconds(2), TimeProvider.System).MeasureAsync(couple.RunAsync, TestContext.Current.CancellationToken);

        outcome.Lags.ShouldBeNull();
        outcome.NoState.ShouldBeTrue("another couple may be tried");
        outcome.Why.ShouldBe("it was paused, and a hold is not resumed to measure the lag");
        couple.Sent.ShouldBe([OperationKind.Read]);
    }

    [Fact]
    public async Task A_refused_write_measures_nothing_says_why_and_the_couple_is_not_set_back()
    {
        var couple = new Couple(pauseReadsLate: 0, resumeReadsLate: 0, refuse: OperationKind.Pause);

        var outcome = await new LagMeasurement(TimeSpan.FromSeconds(2), TimeProvider.System).MeasureAsync(couple.RunAsync, TestContext.Current.CancellationToken);

        outcome.Lags.ShouldBeNull();
        outcome.Why.ShouldBe("its pause was refused (403)");
        outcome.NoState.ShouldBeFalse();
        couple.Sent.ShouldBe([OperationKind.Read, OperationKind.Pause]);
    }

    [Fact]
    public async Task PSE_1_A_change_that_never_shows_within_fifteen_times_settle_measures_nothing_and_says_so()
    {
        // Arrange: details that show a change only after a thousand reads, and --settle 20 ms (fifteen times: 300 ms)
        var couple = new Couple(pauseReadsLate: 1_000, resumeReadsLate: 0);

        var outcome = await new LagMeasurement(TimeSpan.FromMilliseconds(20), TimeProvider.System).MeasureAsync(couple.RunAsync, TestContext.Current.CancellationToken);

        outcome.Lags.ShouldBeNull();
        outcome.Why.ShouldBe("its pause, answered as taken, did not show within 0.3 s (fifteen times --settle)");
        couple.Sent.Count(k => k == OperationKind.Read).ShouldBeInRange(2, 5, "a read every 100 ms for 300 ms, then it gives up");
        couple.Sent.ShouldNotContain(OperationKind.Resume, "nothing is sent after a change that did not show: the clean-up puts the couple back");
    }

    /// <summary>
    /// GEN-3: the simulator's pause history is compared from after the measurement; a couple it left paused (its pause
    /// took, its resume did not) is left out, as the check starts every couple recording and would pair a resume as a pause.
    /// </summary>
    [Fact]
    public void The_recorded_history_after_the_measurement_drops_its_changes_and_leaves_out_a_couple_it_left_paused()
    {
        var before = new Dictionary<long, RecordedTransitions> { [24197] = new(["admin", "admin"]), [24198] = new(["admin"]) };
        var after = new Dictionary<long, RecordedTransitions> { [24197] = new(["admin", "admin", "agent01", "agent02"]), [24198] = new(["admin", "agent01"]), [24199] = new(["agent02"]) };

        var since = AgentsRun.Since(before, after);

        since.Keys.Order().ShouldBe([24197L, 24199L]);
        since[24197].Logins.ShouldBe(["agent01", "agent02"]);
        since[24199].Logins.ShouldBe(["agent02"]);
    }
}
