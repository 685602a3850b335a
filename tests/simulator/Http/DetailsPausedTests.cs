using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>detailsPaused (DET-3, inferred): whom the details show the paused state to.</summary>
public sealed class DetailsPausedTests
{
    [Theory]
    [InlineData("always", true)]
    [InlineData("with-link", false)]
    public async Task DET_3_The_paused_state_shows_with_the_pausedState_link_and_without_it_as_the_setting_says(string setting, bool shownWithoutLink)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With($"detailsPaused={setting}")), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var admin = await LegacyClient.LoggedInAsync(http, "admin", "secret");
        var monitor = await LegacyClient.LoggedInAsync(http, "monitor", "monitor-pw");
        (await admin.PauseAsync(AgentsCouple)).EnsureSuccessStatusCode();

        var withLink = await Documents.DetailsAsync(await admin.DetailsAsync(AgentsCouple));
        var withoutLink = await Documents.DetailsAsync(await monitor.DetailsAsync(AgentsCouple));

        withLink.Element("paused")!.Value.ShouldBe("true", "DET-2: with the link, the state shows");
        (withoutLink.Element("paused")?.Value).ShouldBe(shownWithoutLink ? "true" : null, $"detailsPaused={setting}");
        withoutLink.Element("direction").ShouldNotBeNull("the rest of the document is there either way");
    }
}
