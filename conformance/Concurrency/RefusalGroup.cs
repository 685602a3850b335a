namespace PauseResume.Conformance.Concurrency;

/// <summary>
/// The operations refused with one status (<see cref="Status"/> null: refused with no status, an unreadable answer): how
/// many, on which couples, and the couples refused every time from some moment on after they had been answered
/// (<see cref="RefusedFromOn"/>): a call that ends is a legal event (its couples are then refused, DET-3, PSE-4), and
/// the run says so rather than a bare count.
/// </summary>
internal sealed record RefusalGroup(int? Status, int Count, IReadOnlyList<long> Couples, IReadOnlyDictionary<long, TimeSpan> RefusedFromOn)
{
    /// <summary>The refused operations grouped by status, the most frequent first; moments counted from <paramref name="started"/>, when the agents started.</summary>
    public static IReadOnlyList<RefusalGroup> Of(IReadOnlyList<Operation> operations, TimeSpan started)
    {
        var byCouple = operations.ToLookup(o => o.Couple);
        return [.. operations.Where(o => o.Outcome == OperationOutcome.Refused).GroupBy(o => o.Status).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g =>
        {
            List<long> couples = [.. g.Select(o => o.Couple).Distinct().Order()];
            var since = couples.Select(c => (Couple: c, From: RefusedSince(byCouple[c], g.Key))).Where(f => f.From is not null).ToDictionary(f => f.Couple, f => f.From!.Value - started);
            return new RefusalGroup(g.Key, g.Count(), couples, since);
        })];
    }

    /// <summary>
    /// When the couple's operations began to be refused with <paramref name="status"/> every time, after at least one was
    /// answered; null where one was answered after the first such refusal, or none was answered before it. An operation
    /// without an answer says nothing either way.
    /// </summary>
    private static TimeSpan? RefusedSince(IEnumerable<Operation> ofCouple, int? status)
    {
        var answered = ofCouple.Where(o => o.Outcome != OperationOutcome.Unknown).OrderBy(o => o.Invoked).ToList();
        var lastServed = answered.FindLastIndex(o => o.Outcome is OperationOutcome.Done or OperationOutcome.Unreadable);
        var after = answered.Skip(lastServed + 1).ToList();
        return lastServed >= 0 && after.Count > 0 && after.All(o => o.Outcome == OperationOutcome.Refused && o.Status == status) ? after[0].Invoked : null;
    }
}
