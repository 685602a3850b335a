using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PauseResume.Simulator.Domain;

/// <summary>
/// Couples in progress by calling/called number and IP, so a filtered list looks only at the couples that carry
/// the value (one phone or IP is in one call at a time, LST-4) instead of scanning every couple.
/// A value held by one couple, as nearly every value is, maps to that <see cref="Couple"/> itself; only a value
/// shared by several couples (a gateway's IP, a number in a conference) maps to a set of them, so a million couples
/// cost no million lists, and a couple leaving a value shared by thousands costs what it costs alone.
/// Not thread-safe: the <see cref="Recorder"/> holds its lock around every call.
/// </summary>
internal sealed class CoupleIndex
{
    private readonly Dictionary<string, object> callingNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> calledNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> callingIp = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> calledIp = new(StringComparer.Ordinal);

    /// <summary>How many couples make it worth filling the tables on several threads (<see cref="AddAll(IReadOnlyList{Couple})"/>).</summary>
    public const int FillInParallelFrom = 4_096;

    public void Add(Couple couple)
    {
        Add(callingNumber, couple.CallingNumber, couple);
        Add(calledNumber, couple.CalledNumber, couple);
        Add(callingIp, couple.CallingIp, couple);
        Add(calledIp, couple.CalledIp, couple);
    }

    /// <summary>
    /// Adds <paramref name="couples"/>, each of the four tables by its own thread (they share nothing), each in the
    /// couples' order, so every table ends as <see cref="Add(Couple)"/> one by one would leave it: a large world's start.
    /// </summary>
    public void AddAll(IReadOnlyList<Couple> couples) =>
        Parallel.Invoke(
            () => AddAll(callingNumber, couples, static c => c.CallingNumber),
            () => AddAll(calledNumber, couples, static c => c.CalledNumber),
            () => AddAll(callingIp, couples, static c => c.CallingIp),
            () => AddAll(calledIp, couples, static c => c.CalledIp));

    private static void AddAll(Dictionary<string, object> index, IReadOnlyList<Couple> couples, Func<Couple, string?> key)
    {
        for (var i = 0; i < couples.Count; i++)
        {
            Add(index, key(couples[i]), couples[i]);
        }
    }

    public void Remove(Couple couple)
    {
        Remove(callingNumber, couple.CallingNumber, couple);
        Remove(calledNumber, couple.CalledNumber, couple);
        Remove(callingIp, couple.CallingIp, couple);
        Remove(calledIp, couple.CalledIp, couple);
    }

    /// <summary>Empties the index and gives back its room: a reset from a world of a million couples to one of ten keeps none of it.</summary>
    public void Clear()
    {
        foreach (var index in new[] { callingNumber, calledNumber, callingIp, calledIp })
        {
            index.Clear();
            index.TrimExcess();
        }
    }

    /// <summary>Room for <paramref name="couples"/> more couples, so a large world is indexed without growing the tables again and again.</summary>
    public void EnsureCapacity(int couples)
    {
        foreach (var index in new[] { callingNumber, calledNumber, callingIp, calledIp })
        {
            index.EnsureCapacity(index.Count + couples);
        }
    }

    /// <summary>
    /// The couples that can match <paramref name="filter"/> by exact values, or null when the filter has no indexed value.
    /// Filters joined by "or" (LST-4, <see cref="FilterJoin.Or"/>) are matched by either value, so both are looked up.
    /// </summary>
    public IEnumerable<Couple>? Candidates(CoupleFilter filter, FilterJoin join = FilterJoin.And) =>
        join == FilterJoin.Or && filter.PhoneNumber is not null && filter.IpAddress is not null
            ? Lookup(callingNumber, calledNumber, filter.PhoneNumberSide, filter.PhoneNumber)
                .Concat(Lookup(callingIp, calledIp, filter.IpAddressSide, filter.IpAddress)).Distinct(ReferenceEqualityComparer.Instance).Cast<Couple>()
        : filter.PhoneNumber is not null ? Lookup(callingNumber, calledNumber, filter.PhoneNumberSide, filter.PhoneNumber)
        : filter.IpAddress is not null ? Lookup(callingIp, calledIp, filter.IpAddressSide, filter.IpAddress)
        : null;

    private static IEnumerable<Couple> Lookup(Dictionary<string, object> calling, Dictionary<string, object> called, Side side, string value)
    {
        var fromCalling = side != Side.Called ? calling.GetValueOrDefault(value) : null;
        var fromCalled = side != Side.Calling ? called.GetValueOrDefault(value) : null;
        return fromCalled is null ? Couples(fromCalling)
            : fromCalling is null ? Couples(fromCalled)
            : Couples(fromCalling).Concat(Couples(fromCalled)).Distinct(ReferenceEqualityComparer.Instance).Cast<Couple>();
    }

    private static IEnumerable<Couple> Couples(object? entry) => entry switch
    {
        null => Array.Empty<Couple>(),
        Couple couple => new[] { couple },
        _ => (HashSet<Couple>)entry,
    };

    private static void Add(Dictionary<string, object> index, string? key, Couple couple)
    {
        if (key is null)
        {
            return;
        }

        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(index, key, out var exists);
        if (!exists)
        {
            entry = couple;
        }
        else if (entry is HashSet<Couple> shared)
        {
            shared.Add(couple);
        }
        else
        {
            entry = new HashSet<Couple>(SameCouple.Instance) { (Couple)entry!, couple };
        }
    }

    private static void Remove(Dictionary<string, object> index, string? key, Couple couple)
    {
        if (key is null)
        {
            return;
        }

        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(index, key);
        if (Unsafe.IsNullRef(ref entry))
        {
            return;
        }

        if (ReferenceEquals(entry, couple))
        {
            index.Remove(key);
        }
        else if (entry is HashSet<Couple> shared && shared.Remove(couple) && shared.Count == 1)
        {
            entry = shared.First(); // back to one couple: a value no longer shared costs no set
        }
    }

    /// <summary>
    /// A couple is itself, whatever its values (ids are unique); its id is its hash, which costs nothing, where a
    /// record's hash reads every value and an object's identity hash is written into the object on first use.
    /// </summary>
    private sealed class SameCouple : IEqualityComparer<Couple>
    {
        public static SameCouple Instance { get; } = new();

        public bool Equals(Couple? x, Couple? y) => ReferenceEquals(x, y);

        public int GetHashCode(Couple obj) => obj.Id.GetHashCode();
    }
}
