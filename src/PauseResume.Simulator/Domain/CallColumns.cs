using System.Collections;
namespace PauseResume.Simulator.Domain;

/// <summary>
/// The calls of a world file, kept for as long as the simulator runs (an empty reset returns to them) in a row of
/// four references and two enumerations each (40 bytes) instead of a <see cref="NewCall"/> object: a million calls are 40 MB
/// here, where a million objects with their list would be over 100 MB. A call is made again when it is read; a
/// reset starts its couples from the rows themselves (<see cref="RowAt"/>), without making each call again.
/// Only values already checked as a <see cref="NewCall"/> checks them are added (the world file's reader checks each
/// call once, as it reads it), so every row is a call a <see cref="NewCall"/> can hold.
/// </summary>
internal sealed class CallColumns : IReadOnlyList<NewCall>
{
    // Rows in blocks of a fixed size rather than one array grown by doubling: a growing array of references is copied
    // whole each time (with the GC told of every reference again), and a million rows would be 40 MB in one piece.
    private const int BlockShift = 10;
    private const int BlockSize = 1 << BlockShift;

    private readonly List<Row[]> blocks = [];
    private Dictionary<int, (long? CallId, DateTimeOffset? Start)>? joinedOrTimed; // the few calls that name a callId or a start

    public int Count { get; private set; }

    public NewCall this[int index]
    {
        get
        {
            ref readonly var row = ref RowAt(index);
            var (callId, start) = joinedOrTimed?.GetValueOrDefault(index) ?? default;
            return new NewCall(row.CallingNumber, row.CalledNumber, row.CallingIp, row.CalledIp, row.Direction, row.Type, callId, start);
        }
    }

    /// <summary>The numbers, IPs, direction and type of call <paramref name="index"/>, without making the call.</summary>
    public ref readonly Row RowAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return ref blocks[index >> BlockShift][index & (BlockSize - 1)];
    }

    /// <summary>The callId of call <paramref name="index"/>, without making the call (a world's check reads every one).</summary>
    public long? CallIdAt(int index) => joinedOrTimed is not null && joinedOrTimed.TryGetValue(index, out var extra) ? extra.CallId : null;

    /// <summary>The start of call <paramref name="index"/> when it names one, without making the call.</summary>
    public DateTimeOffset? StartAt(int index) => joinedOrTimed is not null && joinedOrTimed.TryGetValue(index, out var extra) ? extra.Start : null;

    /// <summary>A call whose values were checked as a <see cref="NewCall"/> checks them (the caller's duty: none is checked again here).</summary>
    public void Add(string callingNumber, string calledNumber, string? callingIp, string? calledIp, Direction direction, CoupleType type, long? callId, DateTimeOffset? start)
    {
        if (callId is not null || start is not null)
        {
            (joinedOrTimed ??= [])[Count] = (callId, start);
        }

        if ((Count & (BlockSize - 1)) == 0)
        {
            blocks.Add(new Row[BlockSize]);
        }

        blocks[^1][Count & (BlockSize - 1)] = new Row(callingNumber, calledNumber, callingIp, calledIp, direction, type);
        Count++;
    }

    public IEnumerator<NewCall> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One call's values, without its callId and start (kept apart: nearly no call of a world file names them).</summary>
    internal readonly record struct Row(string CallingNumber, string CalledNumber, string? CallingIp, string? CalledIp, Direction Direction, CoupleType Type);
}
