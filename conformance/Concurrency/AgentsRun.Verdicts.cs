using System.Globalization;
using PauseResume.Conformance.Commands;

namespace PauseResume.Conformance.Concurrency;

/// <summary>Each couple's verdict from its history, with details that may lag (PSE-1) and the lag the run measured.</summary>
internal sealed partial class AgentsRun
{
    /// <summary>
    /// One couple's verdict from its history: the read before the agents, their operations, the read after them and the
    /// reads made again while its details had not yet settled (<see cref="FinalSettling"/>), each a read like any other.
    /// </summary>
    /// <param name="lag">
    /// The lag a window is worded with (--settle, or the longest the run measured past it), and the lag that
    /// excuses one: the longest the final reads measured or, at least, the pause and the resume measured before the agents started, up to --settle.
    /// </param>
    /// <param name="settle">--settle: the lag the run allows (zero where the kit moves the clock); a longer one differs, with a word to raise it.</param>
    internal static CoupleVerdict Verdict(long id, bool shared, Operation initial, IReadOnlyList<Operation> ops, Operation final, IReadOnlyList<Operation> rereads, RecordedTransitions? recorded, (TimeSpan Wording, TimeSpan Excused) lag, TimeSpan settle)
    {
        IReadOnlyList<Operation> history = [initial, .. ops, final, .. rereads];
        // Only a couple none of whose reads showed its state is not checked: a read without the state is left out of the
        // history like a read without an answer, and the reads that did show it still check the writes (GEN-3, PSE-1).
        if (history.Any(o => o.Outcome == OperationOutcome.Unreadable) && !history.Any(o => o.Kind == OperationKind.Read && o.Outcome == OperationOutcome.Done))
        {
            return CoupleVerdict.Unchecked(id, shared, history.Count, history.Count(o => o.Outcome == OperationOutcome.Unknown),
                $"no read of couple {id} showed a paused element with true or false (its name is our inference; {history.Count(o => o.Outcome == OperationOutcome.Unreadable)} read(s) showed none), so the reads say nothing of its state: GEN-3 and PSE-1 not checked for it");
        }

        // The search for an order is bounded (HistoryCheck.SearchBudget): the order of a history too concurrent to search is
        // not checked, neither passed nor failed, rather than filling the memory. Its final state needs no search and is
        // still judged below: a pause answered as taken and lost breaks PSE-1 however many operations overlapped.
        var whole = HistoryCheck.Linearizable(history);
        var recordedFits = whole == true && recorded is not null ? HistoryCheck.Linearizable(history, recorded) : true;
        var orderUnsearched = whole is null || recordedFits is null
            ? string.Create(CultureInfo.InvariantCulture, $"its {history.Count} operations overlap too much in time for the search for an order{(whole is null ? string.Empty : " that makes the simulator's recorded changes")} to end within {HistoryCheck.SearchBudget:N0} steps (load widens every operation's interval; fewer --agents, or on a real recorder a lower --rate, overlap less): the order of its reads not checked (GEN-3), its final state judged (PSE-1)")
            : null;
        var window = whole == false ? HistoryCheck.SmallestWindow(id, history) : null;

        // A read that shows a state from a moment before it was sent is what details that lag show: a window that only
        // such lag (up to the settle time) explains is worded as details lag, not as pauses taken out of order.
        var lagExplains = window is not null && lag.Wording > TimeSpan.Zero && HistoryCheck.ExplainedByLag(history, lag.Wording) == true;
        var withinSettle = lagExplains && lag.Excused > TimeSpan.Zero && (lag.Excused == lag.Wording || HistoryCheck.ExplainedByLag(history, lag.Excused) == true);
        var settled = HistoryCheck.Settled(ops, initial, final);
        if (settled is not null && rereads.Count > 0 && rereads[^1].Outcome is OperationOutcome.Refused or OperationOutcome.Unreadable)
        {
            // The details stopped answering (the call ended, the session went) while the kit waited for them to settle: a
            // read that lagged cannot be told from a lost pause, so the end state is not judged (PSE-1).
            return new CoupleVerdict(id, shared, history.Count, history.Count(o => o.Outcome == OperationOutcome.Unknown), window, null, null)
            {
                NotChecked = $"its details stopped showing its state while the kit waited for them to settle ({settled})",
                LagExplainsWindow = lagExplains ? lag.Wording : null,
                WindowWithinSettle = withinSettle,
            };
        }

        string? lateShown = null;
        var lagWithinSettle = false;
        if (settled is not null && rereads.Count > 0 && rereads[^1] is { Outcome: OperationOutcome.Done, Seen: { } shown } late && HistoryCheck.Settled(ops, initial, late) is null)
        {
            // The state a last write wrote showed, only later: PSE-1 holds; how soon the details show it is inferred.
            // Judged from the last pause or resume sent, not from the read after the agents stopped, which came later.
            var waited = (late.Completed - final.Completed)!.Value;
            var lagged = LagOf(ops, late);
            lagWithinSettle = lagged <= settle;
            var raise = lagWithinSettle ? string.Empty
                : string.Create(CultureInfo.InvariantCulture, $"; that is {lagged.TotalMilliseconds:0} ms after the last pause or resume was sent, longer than --settle ({settle.TotalSeconds:0.###} s): with --settle {DetailsLag.SettleFor(lagged)} the reads during the run are judged with this lag too");
            lateShown = $"{settled}; then paused={(shown ? "true" : "false")} at a read {waited.TotalMilliseconds:0} ms later (details lag: how soon the details show a pause or resume is not documented{raise})";
            settled = null;
        }

        if (settled is not null && rereads.Count > 0)
        {
            settled += string.Create(CultureInfo.InvariantCulture, $"; read again {rereads.Count} time(s) for {(rereads[^1].Completed - final.Completed)?.TotalSeconds ?? 0:0.#} s (up to {DetailsLag.LongestWaitInSettles} times --settle), it never showed the state written last");
        }

        // Details that lag may show a read in an order of the writes other than the one the simulator recorded: the lag the
        // run measured or allows explains that as it explains a window.
        var mismatch = window is null && recorded is not null && recordedFits == false
            && !(lag.Wording > TimeSpan.Zero && HistoryCheck.ExplainedByLag(history, lag.Wording, recorded) == true)
            ? $"the simulator recorded {recorded.Count} change(s) of couple {id} ({string.Join(", ", recorded.Logins.Select((l, i) => $"{(i % 2 == 0 ? "paused" : "resumed")} by {l}"))}), but no order of the operations the agents saw makes exactly those changes"
            : null;

        // Reads that details up to --settle late would explain, where the run measured less lag (measured at rest, a lag
        // may be shorter than under the agents' load): a pause lost and one shown late look alike here, so
        // the window is not judged either way; the final state still is (PSE-1).
        if (window is not null && !withinSettle && settle > TimeSpan.Zero && settle > lag.Excused
            && (lag.Wording == settle ? lagExplains : HistoryCheck.ExplainedByLag(history, settle) == true))
        {
            return new CoupleVerdict(id, shared, history.Count, history.Count(o => o.Outcome == OperationOutcome.Unknown), null, settled, null)
            {
                WindowUnjudged = true,
                NotChecked = string.Create(CultureInfo.InvariantCulture, $"no order explains its reads at once, and details up to --settle ({settle.TotalSeconds:0.###} s) late would, but the lag the run measured in both directions is {(lag.Excused > TimeSpan.Zero ? $"{lag.Excused.TotalMilliseconds:0} ms" : "none")} (the shorter of a pause's and a resume's measured before the agents started, or what the final reads saw; a lag under load may be longer): a pause lost and one shown late cannot be told apart here (GEN-3 not judged; how soon details show a pause is not documented, PSE-1)"),
                Lag = lateShown,
                LagWithinSettle = lagWithinSettle,
            };
        }

        return new CoupleVerdict(id, shared, history.Count, history.Count(o => o.Outcome == OperationOutcome.Unknown), window, settled, mismatch)
        {
            NotChecked = orderUnsearched,
            Lag = lateShown,
            LagWithinSettle = lagWithinSettle,
            LagExplainsWindow = lagExplains ? lag.Wording : null,
            WindowWithinSettle = withinSettle,
        };
    }

    /// <summary>
    /// How long after its last pause or resume was sent a couple's details showed the state a last write wrote: the lag as
    /// the run saw it (less where the write that made the change came before one that changed nothing, more by up to one
    /// interval between the reads made again).
    /// </summary>
    private static TimeSpan LagOf(IReadOnlyList<Operation> ops, Operation settledRead) =>
        ops.Where(o => o.Writes is not null && o.Outcome is OperationOutcome.Done or OperationOutcome.Unknown).MaxBy(o => o.Invoked) is { } last && settledRead.Completed is { } shown
            ? shown - last.Invoked
            : TimeSpan.Zero;
}
