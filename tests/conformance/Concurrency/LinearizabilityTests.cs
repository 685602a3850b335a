using PauseResume.Conformance.Concurrency;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Reports;
using static PauseResume.Conformance.Tests.Concurrency.History;

namespace PauseResume.Conformance.Tests.Concurrency;

public sealed class LinearizabilityTests
{
    [Fact]
    public void A_sequential_history_that_reads_what_was_written_is_linearizable()
    {
        Operation[] history = [Read("a", 0, 1, false), Pause("a", 2, 3), Read("b", 4, 5, true), Resume("b", 6, 7), Read("a", 8, 9, false)];

        HistoryCheck.Linearizable(history).ShouldBe(true, "PSE-1: each read sees the last write before it");
        HistoryCheck.SmallestWindow(1, history).ShouldBeNull();
    }

    [Fact]
    public void Overlapping_pause_and_resume_may_take_effect_in_either_order()
    {
        Operation[] pausedLast = [Read("a", 0, 1, false), Pause("a", 2, 10), Resume("b", 3, 9), Read("c", 11, 12, true)];
        Operation[] resumedLast = [Read("a", 0, 1, false), Pause("a", 2, 10), Resume("b", 3, 9), Read("c", 11, 12, false)];

        HistoryCheck.Linearizable(pausedLast).ShouldBe(true, "GEN-3: concurrent operations have no real-time order");
        HistoryCheck.Linearizable(resumedLast).ShouldBe(true, "GEN-3: concurrent operations have no real-time order");
    }

    [Fact]
    public void A_read_after_a_finished_pause_that_sees_the_couple_running_is_not_linearizable()
    {
        Operation[] stale = [Read("a", 0, 1, false), Pause("a", 2, 3), Read("b", 4, 5, false)];

        HistoryCheck.Linearizable(stale).ShouldBe(false, "GEN-3: the pause ended before the read began");
    }

    [Fact]
    public void A_read_that_overlaps_the_pause_may_see_either_state()
    {
        Operation[] history = [Read("a", 0, 1, false), Pause("a", 2, 6), Read("b", 3, 4, false), Read("c", 5, 7, true), Read("d", 8, 9, true)];

        HistoryCheck.Linearizable(history).ShouldBe(true, "GEN-3: a read during the pause may come before or after it");
    }

    [Fact]
    public void Two_reads_cannot_see_the_pause_come_and_go_without_a_resume()
    {
        Operation[] flicker = [Read("a", 0, 1, false), Pause("a", 2, 20), Read("b", 3, 4, true), Read("c", 5, 6, false)];

        HistoryCheck.Linearizable(flicker).ShouldBe(false, "GEN-3: once a read saw the pause, a later read cannot see it undone");
    }

    [Fact]
    public void A_pause_without_an_answer_may_have_taken_effect_at_any_later_moment()
    {
        Operation[] history = [Read("a", 0, 1, false), Pause("a", 2, null), Read("b", 30, 31, false), Read("c", 40, 41, true)];

        HistoryCheck.Linearizable(history).ShouldBe(true, "an operation without an answer may take effect after every read that missed it");
    }

    [Fact]
    public void A_pause_without_an_answer_may_never_have_taken_effect()
    {
        Operation[] history = [Read("a", 0, 1, false), Pause("a", 2, null), Read("b", 30, 31, false)];

        HistoryCheck.Linearizable(history).ShouldBe(true, "an operation without an answer may never have reached the server");
    }

    [Fact]
    public void A_pause_without_an_answer_cannot_take_effect_before_it_was_sent()
    {
        Operation[] history = [Read("a", 0, 1, false), Read("b", 2, 3, true), Pause("a", 4, null)];

        HistoryCheck.Linearizable(history).ShouldBe(false, "GEN-3: a read that ended before the pause was sent cannot see it");
    }

    [Fact]
    public void Operations_that_touch_at_one_moment_count_as_overlapping()
    {
        Operation[] history = [Read("a", 0, 1, false), Pause("a", 2, 5), Read("b", 5, 6, false)];

        HistoryCheck.Linearizable(history).ShouldBe(true, "a tie is the clock's resolution, not an order the server must keep");
    }

    [Fact]
    public void A_recorded_pause_history_must_be_the_changes_of_some_order()
    {
        Operation[] history = [Read("a", 0, 1, false), Pause("a", 2, 10), Pause("b", 3, 9), Resume("a", 11, 12), Read("b", 13, 14, false)];

        HistoryCheck.Linearizable(history, new RecordedTransitions(["a", "a"])).ShouldBe(true, "a may have paused first, b's pause then changing nothing (PSE-3)");
        HistoryCheck.Linearizable(history, new RecordedTransitions(["b", "a"])).ShouldBe(true, "or b first");
        HistoryCheck.Linearizable(history, new RecordedTransitions(["a", "b"])).ShouldBe(false, "b never resumed");
        HistoryCheck.Linearizable(history, new RecordedTransitions(["a", "a", "b"])).ShouldBe(false, "a third change has no operation behind it");
        HistoryCheck.Linearizable(history, new RecordedTransitions(["a"])).ShouldBe(false, "the resume that was taken changed the state");
    }

    [Fact]
    public void An_unanswered_pause_is_in_the_recorded_history_or_not()
    {
        Operation[] history = [Read("a", 0, 1, false), Pause("a", 2, null), Read("b", 30, 31, false)];

        HistoryCheck.Linearizable(history, new RecordedTransitions([])).ShouldBe(true, "it never arrived");
        HistoryCheck.Linearizable(history, new RecordedTransitions(["a"])).ShouldBe(true, "it arrived after the read");
    }

    [Fact]
    public void The_smallest_window_holds_only_the_operations_that_cannot_be_ordered()
    {
        var history = new List<Operation> { Read("a", 0, 1, false) };
        for (var i = 0; i < 40; i++)
        {
            var t = 10 + (i * 10);
            history.Add(Pause("a", t, t + 3));
            history.Add(Read("b", t + 4, t + 5, true));
            history.Add(Resume("a", t + 6, t + 8));
            history.Add(Read("b", t + 9, t + 9.5, false));
        }

        history.Add(Pause("c", 500, 503));
        history.Add(Read("d", 504, 505, false)); // stale: the pause above had ended
        history.Add(Resume("c", 506, 507));

        var window = HistoryCheck.SmallestWindow(1, history);

        window.ShouldNotBeNull("GEN-3: the read at 504 ms cannot see the couple running");
        window.Operations.Select(o => o.Login).ShouldBe(["c", "d"], "only the pause and the read that missed it");
        window.From.ShouldBe(TimeSpan.FromMilliseconds(500));
        window.To.ShouldBe(TimeSpan.FromMilliseconds(505));
        window.Timeline().ShouldContain("read paused=false");
        window.Timeline().ShouldContain("pause  (500.000–503.000)");
    }

    [Fact]
    public void A_read_that_shows_the_state_from_before_a_recent_pause_is_explained_by_details_that_lag()
    {
        Operation[] stale = [Read("a", 0, 1, false), Pause("a", 2, 3), Read("b", 4, 5, false), Read("c", 6, 7, true)];

        HistoryCheck.Linearizable(stale).ShouldBe(false, "GEN-3: the pause ended before the read at 4 ms began");
        HistoryCheck.ExplainedByLag(stale, TimeSpan.FromMilliseconds(3)).ShouldBe(true, "PSE-1: a read may show the state from up to 3 ms before it, when the couple ran");
        HistoryCheck.ExplainedByLag(stale, TimeSpan.FromMilliseconds(0.5)).ShouldBe(false, "PSE-1: 0.5 ms before the read the pause had already ended");
    }

    [Fact]
    public void Details_that_lag_never_explain_a_state_the_couple_was_not_in_or_one_that_goes_back()
    {
        Operation[] unwritten = [Read("a", 0, 1, false), Resume("a", 2, 3), Read("b", 4, 5, true)];
        Operation[] back = [Read("a", 0, 1, false), Pause("a", 2, 3), Read("b", 4, 5, true), Read("b", 6, 7, false), Read("c", 100, 101, true), Read("b", 200, 201, false)];

        HistoryCheck.ExplainedByLag(unwritten, TimeSpan.FromSeconds(1)).ShouldBe(false, "GEN-3: nothing paused the couple, however late the details are");
        HistoryCheck.ExplainedByLag(back, TimeSpan.FromMilliseconds(10)).ShouldBe(false, "GEN-3: 199 ms after the pause and after a read that saw it, the details still show the couple running");
    }

    [Fact]
    public void A_couple_that_settles_where_no_last_write_left_it_has_lost_a_pause()
    {
        var found = Read("a", 0, 1, false);
        Operation[] writes = [Pause("a", 2, 3), Pause("b", 2.5, 4)];

        HistoryCheck.Settled(writes, found, Read("a", 10, 11, true)).ShouldBeNull();
        HistoryCheck.Settled(writes, found, Read("a", 10, 11, false)).ShouldNotBeNull("PSE-1: two pauses were taken and nothing resumed");
        HistoryCheck.Settled([Pause("a", 2, 3), Resume("b", 2.5, null)], found, Read("a", 10, 11, false)).ShouldBeNull("a resume without an answer may have come last");
        HistoryCheck.Settled([], found, Read("a", 10, 11, false)).ShouldBeNull("nothing was written: it stays as found");
    }

    [Fact]
    public void A_history_too_concurrent_to_search_is_given_up_on_not_searched_without_end()
    {
        // 40 pauses at once and a read after them all that saw the couple running: no order explains it, and finding
        // that out means trying every set of the pauses (2^40) — without a budget, hours and gigabytes.
        Operation[] history = [.. Enumerable.Range(0, 40).Select(i => Pause($"a{i}", 0, 100)), Read("z", 200, 201, false)];

        HistoryCheck.Linearizable(history).ShouldBeNull("the search stops at its budget, neither passing nor failing the recorder");
        HistoryCheck.Linearizable(history[30..]).ShouldBe(false, "ten pauses are few enough to refute");
        HistoryCheck.SmallestWindow(1, history[30..], budget: 10).ShouldBeNull("a window whose search gives up is never shown as evidence");
    }

    [Fact]
    public void GEN_3_The_agents_leave_the_order_of_a_history_too_concurrent_to_search_not_checked()
    {
        // 40 pauses at once, a read after them that saw the couple running (no order explains it, and refuting that
        // takes 2^40 sets), and a final read that shows the pause: the couple ends as the last write left it.
        Operation[] ops = [.. Enumerable.Range(0, 40).Select(i => Pause($"a{i}", 10, 100)), Read("y", 150, 151, false)];
        var verdict = AgentsRun.Verdict(1, false, Read("z", 0, 1, false), ops, Read("z", 200, 201, true), [], null, (TimeSpan.Zero, TimeSpan.Zero), TimeSpan.Zero);

        verdict.Checked.ShouldBeFalse("GEN-3 is neither passed nor failed for it");
        verdict.NotChecked!.ShouldContain("overlap too much");
        verdict.Window.ShouldBeNull("no window is shown that no search proved");
        verdict.NotSettled.ShouldBeNull();
        verdict.Passed.ShouldBeTrue("nothing was found wrong");
    }

    [Fact]
    public void PSE_1_A_pause_lost_in_a_history_too_concurrent_to_search_still_breaks_the_rule()
    {
        // The same 40 pauses, all answered as taken, and after them the couple still records: whatever the order, the
        // last write paused it, so a pause was lost. That needs no search, and the budget must not hide it.
        Operation[] pauses = [.. Enumerable.Range(0, 40).Select(i => Pause($"a{i}", 10, 100))];
        var verdict = AgentsRun.Verdict(1, false, Read("z", 0, 1, false), pauses, Read("z", 200, 201, false), [], null, (TimeSpan.Zero, TimeSpan.Zero), TimeSpan.Zero);

        verdict.NotChecked!.ShouldContain("overlap too much");
        verdict.NotSettled!.ShouldContain("shows paused=false");
        var result = new AgentsResult("t", new AgentsPlan(40, 40, 1, TimeSpan.Zero, TimeSpan.FromSeconds(5)), TimeSpan.FromSeconds(1), [verdict], 0, 0, []);
        result.ExitCode().ShouldBe(KitResult.ExitBroken);
        var failure = AgentsReport.JUnit(result).Descendants("failure").ShouldHaveSingleItem("a CI reads the couple as failed, not skipped");
        failure.Attribute("type")!.Value.ShouldBe("documented-rule-broken");
    }
}
