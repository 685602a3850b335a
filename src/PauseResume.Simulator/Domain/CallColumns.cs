using System.Collections;
namespace PauseResume.Simulator.Domain;

/// <summary>
/// The calls of a world file, kept for as long as the simulator runs (an empty reset returns to them) in a row of
/// five references and two small numbers each instead of a <see cref="NewCall"/> object: a million calls are 40 MB
/// here, where a million objects with their list would be over 100 MB. A call is made again when it is read.
/// </summary>
internal sealed class CallColumns : IReadOnlyList<NewCall>
{
    private readonly List<Row> rows = [];
    private Dictionary<int, (long? CallId, DateTimeOffset? Start)>? joinedOrTimed; // the few calls that name a callId or a start

    public int Count => rows.Count;

    public NewCall this[int index]
    {
        get
        {
            var row = rows[index];
            var (callId, start) = joinedOrTimed?.GetValueOrDefault(index) ?? default;
            return new NewCall(row.CallingNumber, row.CalledNumber, row.CallingIp, row.CalledIp, (Direction)row.Direction, (CoupleType)row.Type, callId, start);
        }
    }

    /// <summary>The callId of call <paramref name="index"/>, without making the call (a world's check reads every one).</summary>
    public long? CallIdAt(int index) => joinedOrTimed is not null && joinedOrTimed.TryGetValue(index, out var extra) ? extra.CallId : null;

    public void Add(NewCall call)
    {
        if (call.CallId is not null || call.Start is not null)
        {
            (joinedOrTimed ??= [])[rows.Count] = (call.CallId, call.Start);
        }

        rows.Add(new Row(call.CallingNumber, call.CalledNumber, call.CallingIp, call.CalledIp, (byte)call.Direction, (byte)call.Type));
    }

    public IEnumerator<NewCall> GetEnumerator()
    {
        for (var i = 0; i < rows.Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private readonly record struct Row(string CallingNumber, string CalledNumber, string? CallingIp, string? CalledIp, byte Direction, byte Type);
}
