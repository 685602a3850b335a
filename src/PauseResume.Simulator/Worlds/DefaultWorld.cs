using Bogus;
using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Worlds;

/// <summary>
/// The world the simulator starts with: one account for every branch of the access rules and a handful of
/// realistic calls in progress. Numbers, IPs and start times come from Bogus with a fixed seed, so the same
/// seed and clock give the same world.
/// </summary>
public static class DefaultWorld
{
    public const int DefaultSeed = 8100;

    /// <summary>The accounts, each with its password equal to its login (shown at start-up).</summary>
    public static IReadOnlyList<User> Users { get; } =
    [
        new("admin", "admin", Permissions.CallList | Permissions.PauseAndResumeCalls),
        new("agent", "agent", Permissions.CallList | Permissions.PauseAndResumeCalls, "1002?"),
        new("monitor", "monitor", Permissions.CallList),
        new("auditor", "auditor", Permissions.CallList, "6*"),
        new("guest", "guest", Permissions.PauseAndResumeCalls),
    ];

    /// <summary>What each default account may do, for the start-up banner.</summary>
    public static string Describe(User user) =>
        (user.MayList ? "Call List" : "no Call List")
        + (user.Permissions.HasFlag(Permissions.PauseAndResumeCalls) ? ", Pause and Resume Calls" : string.Empty)
        + (user.PhoneMasks.Count > 0 ? $", numbers {string.Join(" ", user.PhoneMasks)}" : ", all numbers");

    public static World Create(DateTimeOffset now, int seed = DefaultSeed)
    {
        // Bogus's Randomizer alone, not a Faker: a Faker reads its whole locale's data sets when it is made, which was a
        // quarter of the simulator's start (bench/results/startup.md). The draws are the ones Faker.Phone and
        // Faker.Random made from the same seed, so a seed gives the world it always gave.
        var random = new Randomizer(seed);
        var wholeSecond = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var start = (int maxMinutesAgo) => wholeSecond.AddSeconds(-random.Int(30, maxMinutesAgo * 60));
        var external = () => random.Replace("555####");
        var gateway = () => $"10.0.0.{random.Int(2, 20)}";
        var desk = () => $"10.0.1.{random.Int(21, 250)}";
        var conference = World.DefaultFirstCallId + 4;

        NewCall[] calls =
        [
            new(external(), "10021", gateway(), desk(), Direction.Incoming, Start: start(40)),
            new(external(), "10025", gateway(), desk(), Direction.Incoming, Start: start(20)),
            new("10031", external(), desk(), gateway(), Direction.Outgoing, Start: start(15)),
            new("10022", "10031", desk(), desk(), Direction.Internal, Start: start(10)),
            new(external(), "6001", gateway(), desk(), Direction.Incoming, CallId: conference, Start: start(8)),
            new("6001", "6002", desk(), desk(), Direction.Internal, CoupleType.Conf, CallId: conference, Start: start(3)),
            new(external(), "10040", gateway(), desk(), Direction.Incoming, Start: start(2)),
        ];
        return new World(seed, RecorderProfile.Default, Users, calls);
    }
}
