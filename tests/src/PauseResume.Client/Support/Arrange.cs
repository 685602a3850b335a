using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;

namespace PauseResume.Client.Tests.Support;

/// <summary>A small world and a client over the in-process recorder.</summary>
internal static class Arrange
{
    public const long AgentsCouple = 24197;   // 5551234 → 10012, the agent's phone at 10.0.1.12
    public const long OthersCouple = 24198;   // 10031 → 5559876
    public const long ConferenceLeg = 24199;  // 10012 → 10013, same call as 24197

    public static World World(RecorderProfile? profile = null) => new(
        1,
        profile ?? RecorderProfile.Default,
        [
            new User("admin", "secret", Permissions.CallList | Permissions.PauseAndResumeCalls),
            new User("agent", "agent-pw", Permissions.CallList | Permissions.PauseAndResumeCalls, "1001?"),
            new User("monitor", "monitor-pw", Permissions.CallList),
            new User("guest", "guest-pw", Permissions.PauseAndResumeCalls),
        ],
        [
            new NewCall("5551234", "10012", "10.0.0.5", "10.0.1.12", Direction.Incoming),
            new NewCall("10031", "5559876", "10.0.1.31", "10.0.0.5", Direction.Outgoing),
            new NewCall("10012", "10013", "10.0.1.12", "10.0.1.13", Direction.Internal, CoupleType.Conf, CallId: Simulator.Domain.World.DefaultFirstCallId),
        ]);

    public static RecorderClient Client(FakeRecorder recorder, RecorderClientOptions? options = null, RecordingLogger? logger = null) =>
        new(new HttpClient(recorder.CreateHandler()) { BaseAddress = recorder.BaseAddress }, options, logger);

    public static async Task<RecorderClient> LoggedIn(FakeRecorder recorder, string login, string password, RecorderClientOptions? options = null, RecordingLogger? logger = null)
    {
        var client = Client(recorder, options, logger);
        await client.LoginAsync(login, password);
        return client;
    }
}
