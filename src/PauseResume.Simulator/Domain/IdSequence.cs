namespace PauseResume.Simulator.Domain;

/// <summary>
/// Hands out ids upwards from a first one and never wraps: once <see cref="long.MaxValue"/> is taken or seen,
/// none is left, so a couple or call can never get a negative or a reused id. Not thread-safe: the
/// <see cref="Recorder"/> holds its lock around every call.
/// </summary>
internal sealed class IdSequence(long first)
{
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

    /// <summary>An id given from outside (a call joined by its id): the sequence continues above it.</summary>
    public void Seen(long id)
    {
        if (id < next)
        {
            return;
        }

        Highest = id;

        if (id == long.MaxValue)
        {
            CanTake = false;
        }
        else
        {
            next = id + 1;
        }
    }
}
