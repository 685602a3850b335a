namespace PauseResume.Simulator.Domain;

/// <summary>Everything a recorder starts from: its users, the calls in progress and the behaviour profile.</summary>
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
}
