namespace PauseResume.Simulator.Audit;

/// <summary>
/// The couple ids a client was shown, kept as ascending runs of consecutive ids: a recorder hands couple ids out in
/// sequence and a list shows them in order, so the thousands of couples of a large world's list are a few runs, where a
/// hash set spent about 40 bytes on each id. An id after the last run (a list read in order) costs nothing to add; one
/// elsewhere is found by binary search, at worst moving the runs after it.
/// </summary>
internal sealed class LinkedIds
{
    /// <summary>The most a run costs: its two ids in the list, and as much again of the room the list keeps spare as it grows.</summary>
    public const long BytesPerRun = 32;

    private readonly List<(long First, long Last)> runs = [];

    /// <summary>How many ids were added (each once).</summary>
    public int Count { get; private set; }

    /// <summary>How many runs hold them.</summary>
    public int Runs => runs.Count;

    /// <summary>Adds <paramref name="id"/>; false when it was there already.</summary>
    public bool Add(long id)
    {
        var last = runs.Count - 1;
        if (last < 0 || id > runs[last].Last)
        {
            // Past every run: the common case of a list read in order. runs[last].Last < id, so Last + 1 cannot overflow.
            if (last >= 0 && runs[last].Last + 1 == id)
            {
                runs[last] = (runs[last].First, id);
            }
            else
            {
                runs.Add((id, id));
            }

            Count++;
            return true;
        }

        var at = LastStartingAtOrBefore(id);
        if (at >= 0 && id <= runs[at].Last)
        {
            return false;
        }

        // runs[at].Last < id < runs[at + 1].First, so neither sum overflows.
        var extendsBefore = at >= 0 && runs[at].Last + 1 == id;
        var extendsAfter = at + 1 < runs.Count && runs[at + 1].First - 1 == id;
        if (extendsBefore && extendsAfter)
        {
            runs[at] = (runs[at].First, runs[at + 1].Last);
            runs.RemoveAt(at + 1);
        }
        else if (extendsBefore)
        {
            runs[at] = (runs[at].First, id);
        }
        else if (extendsAfter)
        {
            runs[at + 1] = (id, runs[at + 1].Last);
        }
        else
        {
            runs.Insert(at + 1, (id, id));
        }

        Count++;
        return true;
    }

    public bool Contains(long id)
    {
        var at = LastStartingAtOrBefore(id);
        return at >= 0 && id <= runs[at].Last;
    }

    // The index of the last run whose first id is at most id, or -1.
    private int LastStartingAtOrBefore(long id)
    {
        int low = 0, high = runs.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (runs[middle].First <= id)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }
}
