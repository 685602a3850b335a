using PauseResume.Simulator.Time;
using PauseResume.Simulator.Traffic;

namespace PauseResume.Simulator.Domain;

/// <summary>Everything a recorder starts from: its users, the calls in progress, the behaviour profile, and optionally its clock and traffic.</summary>
public sealed record World(
    int Seed,
    RecorderProfile Profile,
    IReadOnlyList<User> Users,
    IReadOnlyList<NewCall> Calls,
    long FirstCoupleId = World.DefaultFirstCoupleId,
    long FirstCallId = World.DefaultFirstCallId)
{
    // The ids of the vendor's own example (RECORDER-API.md), so the first couple looks like the documentation.
    public const long DefaultFirstCoupleId = 24197;
    public const long DefaultFirstCallId = 24142;

    /// <summary>A world with no users and no calls, under the default profile.</summary>
    public static World Empty { get; } = new(0, RecorderProfile.Default, [], []);

    /// <summary>The clock's mode to start in (or to return to on a reset to this world); null: as it is.</summary>
    public ClockSetting? Clock { get; init; }

    /// <summary>The traffic to run from the start (or from a reset to this world); null: as it is.</summary>
    public TrafficSettings? Traffic { get; init; }

    /// <summary>
    /// What makes this world one a recorder cannot start from, or null: two users with one login (which would
    /// otherwise silently replace the first), or calls that would need more ids than are left up to <see cref="long.MaxValue"/>.
    /// </summary>
    public string? Problem()
    {
        if (FirstCoupleId <= 0 || FirstCallId <= 0)
        {
            return "the first couple id and call id must be positive";
        }

        if (Clock?.Problem() is { } clock)
        {
            return $"clock: {clock}";
        }

        if (Traffic?.Problem() is { } traffic)
        {
            return $"traffic: {traffic}";
        }

        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Users.Count; i++)
        {
            if (!first.TryAdd(Users[i].Login, i))
            {
                return $"users[{i}].login: '{Users[i].Login}' is already the login of users[{first[Users[i].Login]}]";
            }
        }

        var couples = new IdSequence(FirstCoupleId);
        var calls = new IdSequence(FirstCallId);
        var columns = Calls as CallColumns; // a world file's calls: their callIds are read without making each call again
        for (var i = 0; i < Calls.Count; i++)
        {
            var callId = columns is not null ? columns.CallIdAt(i) : Calls[i].CallId;
            if (!couples.CanTake || (callId is null && !calls.CanTake))
            {
                return $"calls[{i}]: no couple id or call id is left for it (ids stop at {long.MaxValue})";
            }

            couples.Take();
            calls.Seen(callId ?? calls.Take());
        }

        return null;
    }
}
