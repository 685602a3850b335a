using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Json;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>Each dashboard event carries a bounded state, however many couples busy traffic keeps in progress.</summary>
public sealed class DashboardStateSizeTests
{
    [Fact]
    public async Task Beyond_the_couples_shown_the_paused_ones_and_the_latest_are_sent_with_the_count_of_all()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var admin = await LegacyClient.LoggedInAsync(http, "admin", "secret");
        (await admin.PauseAsync(AgentsCouple)).EnsureSuccessStatusCode();
        var latest = 0L;
        for (var i = 0; i < DashboardStateJson.MaxCouplesShown + 20; i++)
        {
            latest = recorder.Recorder.StartCall(new NewCall($"555{i:0000}", "10040")).Id;
        }

        var inProgress = recorder.Recorder.Couples().Count;

        // Act
        await using var events = await EventStream.OpenAsync(http);
        var (_, snapshot, _) = await events.NextAsync();

        // Assert
        var state = snapshot["state"]!;
        var ids = state["couples"]!.AsArray().Select(c => (long)c!["coupleId"]!).ToList();
        ids.Count.ShouldBe(DashboardStateJson.MaxCouplesShown, "no more couples than the page shows");
        ((int)state["couplesInProgress"]!).ShouldBe(inProgress, "the page says how many there are in all");
        ids.ShouldContain(AgentsCouple, "PSE-1: a paused couple is shown first");
        ids.ShouldContain(latest, "then the latest");
        ids.ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task Beyond_the_sessions_shown_the_latest_used_are_sent_with_the_count_of_all()
    {
        // Arrange: more logged-in sessions than the page shows
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        for (var i = 0; i < DashboardStateJson.MaxSessionsShown + 20; i++)
        {
            await LegacyClient.LoggedInAsync(http, "admin", "secret");
        }

        var latest = await LegacyClient.LoggedInAsync(http, "agent", "agent-pw");

        // Act
        await using var events = await EventStream.OpenAsync(http);
        var (_, snapshot, _) = await events.NextAsync();

        // Assert
        var state = snapshot["state"]!;
        var sessions = state["sessions"]!.AsArray();
        sessions.Count.ShouldBe(DashboardStateJson.MaxSessionsShown, "no more sessions than the page shows");
        ((int)state["sessionsLoggedIn"]!).ShouldBe(DashboardStateJson.MaxSessionsShown + 21, "the page says how many are logged in");
        ((string)sessions[0]!["login"]!).ShouldBe("agent", "the latest used first");
    }

    [Fact]
    public async Task GEN_3_Of_a_couple_paused_many_times_the_latest_pauses_are_sent_its_open_one_last()
    {
        // Arrange: ten pauses more than are shown, the last left open
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var admin = await LegacyClient.LoggedInAsync(http, "admin", "secret");
        for (var i = 0; i < DashboardStateJson.MaxPausesShown + 10; i++)
        {
            (await admin.PauseAsync(AgentsCouple)).EnsureSuccessStatusCode();
            if (i < DashboardStateJson.MaxPausesShown + 9)
            {
                (await admin.ResumeAsync(AgentsCouple)).EnsureSuccessStatusCode();
            }
        }

        // Act
        await using var events = await EventStream.OpenAsync(http);
        var (_, snapshot, _) = await events.NextAsync();

        // Assert
        var pauses = snapshot["state"]!["couples"]!.AsArray().Single(c => (long)c!["coupleId"]! == AgentsCouple)!["pauses"]!.AsArray();
        pauses.Count.ShouldBe(DashboardStateJson.MaxPausesShown, "GEN-3: no more pauses of a couple than the page shows");
        pauses[^1]!["resumedAt"].ShouldBeNull("PSE-1: the open pause, the latest, is shown");
    }
}
