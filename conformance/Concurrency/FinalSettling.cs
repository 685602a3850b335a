namespace PauseResume.Conformance.Concurrency;

/// <summary>
/// PSE-1 documents that a pause is taken, not how soon the details show it: after every agent stopped, a couple whose
/// final read shows a state no last pause or resume wrote is read again, about every 100 ms for at most the settle
/// time, before it counts as lost. All such couples are read in the same rounds, so the wait is the settle time at
/// most, however many couples disagree.
/// </summary>
internal sealed class FinalSettling(TimeSpan settle, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Reads each couple of <paramref name="disagreeing"/> again until <paramref name="allowed"/> holds for a read of
    /// it; a couple whose details stop showing a state (it ended, the session went) is read no more.
    /// </summary>
    /// <returns>Per couple, every read made again, in order; the last one is allowed when the couple settled.</returns>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<Operation>>> RereadAsync(
        IReadOnlyCollection<long> disagreeing, Func<Operation, bool> allowed, Func<long, CancellationToken, Task<Operation>> read, CancellationToken cancellationToken)
    {
        var reads = disagreeing.ToDictionary(id => id, _ => new List<Operation>());
        var pending = disagreeing.ToList();
        var started = time.GetTimestamp();
        while (pending.Count > 0 && time.GetElapsedTime(started) < settle)
        {
            await Task.Delay(Interval, time, cancellationToken);
            foreach (var id in pending.ToList())
            {
                var again = await read(id, cancellationToken);
                reads[id].Add(again);
                if (again.Outcome is OperationOutcome.Refused or OperationOutcome.Unreadable || (again.Outcome == OperationOutcome.Done && allowed(again)))
                {
                    pending.Remove(id);
                }
            }
        }

        return reads.ToDictionary(r => r.Key, r => (IReadOnlyList<Operation>)r.Value);
    }
}
