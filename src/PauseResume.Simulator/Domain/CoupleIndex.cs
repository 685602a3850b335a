namespace PauseResume.Simulator.Domain;

/// <summary>
/// Couples in progress by calling/called number and IP, so a filtered list looks only at the couples that carry
/// the value (one phone or IP is in one call at a time, LST-4) instead of scanning every couple.
/// Not thread-safe: the <see cref="Recorder"/> holds its lock around every call.
/// </summary>
internal sealed class CoupleIndex
{
    private readonly Dictionary<string, List<Couple>> callingNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Couple>> calledNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Couple>> callingIp = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Couple>> calledIp = new(StringComparer.Ordinal);

    public void Add(Couple couple)
    {
        Add(callingNumber, couple.CallingNumber, couple);
        Add(calledNumber, couple.CalledNumber, couple);
        Add(callingIp, couple.CallingIp, couple);
        Add(calledIp, couple.CalledIp, couple);
    }

    public void Remove(Couple couple)
    {
        Remove(callingNumber, couple.CallingNumber, couple);
        Remove(calledNumber, couple.CalledNumber, couple);
        Remove(callingIp, couple.CallingIp, couple);
        Remove(calledIp, couple.CalledIp, couple);
    }

    public void Clear()
    {
        callingNumber.Clear();
        calledNumber.Clear();
        callingIp.Clear();
        calledIp.Clear();
    }

    /// <summary>The couples that can match <paramref name="filter"/>, or null when the filter has no indexed value.</summary>
    public IEnumerable<Couple>? Candidates(CoupleFilter filter) =>
        filter.PhoneNumber is not null ? Lookup(callingNumber, calledNumber, filter.PhoneNumberSide, filter.PhoneNumber)
        : filter.IpAddress is not null ? Lookup(callingIp, calledIp, filter.IpAddressSide, filter.IpAddress)
        : null;

    private static IEnumerable<Couple> Lookup(
        Dictionary<string, List<Couple>> calling, Dictionary<string, List<Couple>> called, Side side, string value)
    {
        var fromCalling = side != Side.Called && calling.TryGetValue(value, out var a) ? a : [];
        var fromCalled = side != Side.Calling && called.TryGetValue(value, out var b) ? b : [];
        return fromCalled.Count == 0 ? fromCalling : fromCalling.Concat(fromCalled).Distinct();
    }

    private static void Add(Dictionary<string, List<Couple>> index, string? key, Couple couple)
    {
        if (key is null)
        {
            return;
        }

        if (!index.TryGetValue(key, out var couples))
        {
            index[key] = couples = new List<Couple>(1);
        }

        couples.Add(couple);
    }

    private static void Remove(Dictionary<string, List<Couple>> index, string? key, Couple couple)
    {
        if (key is not null && index.TryGetValue(key, out var couples) && couples.Remove(couple) && couples.Count == 0)
        {
            index.Remove(key);
        }
    }
}
