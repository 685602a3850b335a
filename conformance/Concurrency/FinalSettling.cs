using PauseResume.Conformance.Commands;

namespace PauseResume.Conformance.Concurrency;

/// <summary>
/// PSE-1 documents that a pause is taken, not how soon the details show it: after every agent stopped, a couple whose
/// final read shows a state no last pause or resume wrote is read again, about every 100 ms for the settle time, then,
/// as a scenario's pause is (<see cref="DetailsLag"/>), every half settle time up to fifteen times it, before it counts
/// as lost: a recorder whose details show a pause a few seconds late keeps PSE-1. All such couples are read in the same
/// rounds, so the wait is that long at most, however many couples disagree, and a couple adds at most one read per 100 ms
/// of the settle time and 28 after it to the history the checker searches (48 at the default two seconds).
/// </summary>
internal sealed class FinalSettling(TimeSpan settle, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Told once, when the usual wait is over and couples still disagree: how many, and how much longer the wait may be.</summary>
    public Action<int, TimeSpan>? WaitingLonger { get; init; }

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
        var longest = DetailsLag.LongestWait(settle);
        var told = false;
        while (pending.Count > 0 && time.GetElapsedTime(started) < longest)
        {
            var past = time.GetElapsedTime(started) >= settle;
            if (past && !told)
            {
                WaitingLonger?.Invoke(pending.Count, longest - settle);
                told = true;
            }

            // The last pause ends where the longest wait does, not up to half a settle time past it.
            var step = past && settle / 2 > Interval ? settle / 2 : Interval;
            var left = longest - time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            await Task.Delay(step < left ? step : left, time, cancellationToken);
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
