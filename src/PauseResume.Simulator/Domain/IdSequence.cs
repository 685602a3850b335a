namespace PauseResume.Simulator.Domain;

/// <summary>
/// Hands out ids upwards from a first one and never wraps: once <see cref="long.MaxValue"/> is taken, none is left, so a
/// couple or call can never get a negative or a reused id. An id given from outside above the next one (a call joined by
/// its id) is skipped when the sequence reaches it, so one far ahead never uses up the ids below it. Not thread-safe: the
/// <see cref="Recorder"/> holds its lock around every call.
/// </summary>
internal sealed class IdSequence(long first)
{
    // Ids given from outside above the next one to hand out: few (one per call joined by an id ahead of the sequence).
    private readonly SortedSet<long> ahead = [];
    private long next = first;

    /// <summary>The first id handed out.</summary>
    public long First { get; } = first;

    /// <summary>The highest id taken or seen, if any: with <see cref="First"/>, the range every id handed out is in.</summary>
    public long? Highest { get; private set; }

    public bool CanTake { get; private set; } = first > 0;

    public long Take()
    {
        if (!CanTake)
        {
            throw new InvalidOperationException("no id is left");
        }

        var id = next;
        Seen(id);
        return id;
    }

    /// <summary>An id taken, or given from outside (a call joined by its id): the sequence never hands it out again.</summary>
    public void Seen(long id)
    {
        if (id < next || !CanTake)
        {
            return;
        }

        Highest = Math.Max(Highest ?? id, id);
        if (id > next)
        {
            ahead.Add(id);
            return;
        }

        // The next id is used: move past it and past every given id that follows it.
        while (true)
        {
            if (next == long.MaxValue)
            {
                CanTake = false;
                return;
            }

            next++;
            if (!ahead.Remove(next))
            {
                return;
            }
        }
    }
}
