using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>
/// The documents byte for byte against the golden samples in tests/golden, which the client's tests parse too:
/// simulator and client are pinned by the same samples, so they cannot agree on the same mistake.
/// </summary>
public sealed class GoldenDocumentTests
{
    [Fact]
    public async Task LST_5_The_list_as_seen_by_a_masked_agent_matches_the_golden_sample()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var agent = await LegacyClient.LoggedInAsync(MyServer(recorder), "agent", "agent-pw");

        var xml = await (await agent.ListAsync()).Content.ReadAsStringAsync();

        xml.ShouldBe(Golden("couples-list.xml"));
    }

    [Fact]
    public async Task DET_2_The_details_of_a_paused_couple_for_a_user_with_the_pause_right_match_the_golden_sample()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(MyServer(recorder), "admin", "secret");
        await admin.PauseAsync(AgentsCouple);

        var xml = await (await admin.DetailsAsync(AgentsCouple)).Content.ReadAsStringAsync();

        xml.ShouldBe(Golden("couple-details.xml"));
    }

    [Fact]
    public async Task LST_7_An_empty_list_matches_the_golden_sample()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(MyServer(recorder), "admin", "secret");

        var xml = await (await admin.ListAsync("phoneNumber=0")).Content.ReadAsStringAsync();

        xml.ShouldBe(Golden("couples-empty.xml"));
    }

    /// <summary>The host of the vendor's own example, so the samples read like the documentation.</summary>
    private static HttpClient MyServer(FakeRecorder recorder)
    {
        var http = recorder.CreateClient();
        http.BaseAddress = new Uri("http://myserver/");
        return http;
    }

    private static string Golden(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "golden", name));
}
