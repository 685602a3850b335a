using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Tests.Support;

/// <summary>Small hand-made worlds for tests where every number matters.</summary>
internal static class TestWorlds
{
    public static readonly User Admin = new("admin", "secret", Permissions.CallList | Permissions.PauseAndResumeCalls);
    public static readonly User Agent = new("agent", "agent-pw", Permissions.CallList | Permissions.PauseAndResumeCalls, "1001?");
    public static readonly User Monitor = new("monitor", "monitor-pw", Permissions.CallList);
    public static readonly User Guest = new("guest", "guest-pw", Permissions.PauseAndResumeCalls);

    /// <summary>Couple 24197: 5551234 → 10012 (agent's); 24198: 10031 → 5559876 (not agent's); 24199: 10015 → 10031.</summary>
    public static World Small(RecorderProfile? profile = null) => new(
        1,
        profile ?? RecorderProfile.Default,
        [Admin, Agent, Monitor, Guest],
        [
            new("5551234", "10012", "10.0.0.5", "10.0.1.12", Direction.Incoming),
            new("10031", "5559876", "10.0.1.31", "10.0.0.5", Direction.Outgoing),
            new("10015", "10031", "10.0.1.15", "10.0.1.31", Direction.Internal),
        ]);

    public const long AgentsCouple = 24197;
    public const long OthersCouple = 24198;
    public const long InternalCouple = 24199;
}
