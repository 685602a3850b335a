using System.Net;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>
/// endedCoupleDetails (DET-3, inferred): whether the details of a couple that has ended are answered endedCoupleStatus,
/// as any couple not in progress, or served as while the call was in progress. Its pausedState answers endedCoupleStatus
/// either way (PSE-4).
/// </summary>
public sealed class EndedCoupleDetailsTests
{
    [Theory]
    [InlineData("status", "call-list-first")]
    [InlineData("served", "call-list-first")]
    [InlineData("status", "masks-first")]
    [InlineData("served", "masks-first")]
    [InlineData("status", "rights-and-masks-first")]
    public async Task DET_3_The_details_of_a_couple_that_has_ended_are_answered_as_the_setting_says(string setting, string order)
    {
        // Arrange: the agent's couple paused, then ended
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With($"endedCoupleDetails={setting}", "endedCoupleStatus=410", $"refusalOrder={order}")), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var admin = await LegacyClient.LoggedInAsync(http, "admin", "secret");
        var agent = await LegacyClient.LoggedInAsync(http, "agent", "agent-pw");
        (await admin.PauseAsync(AgentsCouple)).EnsureSuccessStatusCode();
        recorder.Recorder.EndCall(AgentsCouple).ShouldBeTrue();
        recorder.Recorder.EndCall(OthersCouple).ShouldBeTrue();

        // Act
        using var details = await agent.DetailsAsync(AgentsCouple);
        using var outside = await agent.DetailsAsync(OthersCouple);
        using var resume = await agent.ResumeAsync(AgentsCouple);
        using var list = await admin.ListAsync();

        // Assert
        if (setting == "served")
        {
            details.StatusCode.ShouldBe(HttpStatusCode.OK);
            var document = await Documents.DetailsAsync(details);
            document.Element("paused")!.Value.ShouldBe("true", "the state the couple ended in");
            document.Element("callingNumber")!.Value.ShouldBe("5551234");
            outside.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "DET-3: a couple outside the agent's masks, ended or not");
        }
        else
        {
            // Under refusalOrder=masks-first (or rights-and-masks-first) a couple not in progress has no number within the agent's masks.
            var notInProgress = order.EndsWith("masks-first", StringComparison.Ordinal) ? HttpStatusCode.Forbidden : HttpStatusCode.Gone;
            details.StatusCode.ShouldBe(notInProgress, "endedCoupleStatus");
            outside.StatusCode.ShouldBe(notInProgress);
        }

        resume.StatusCode.ShouldBe(order.EndsWith("masks-first", StringComparison.Ordinal) ? HttpStatusCode.Forbidden : HttpStatusCode.Gone, "PSE-4: a couple that has ended is not paused or resumed, whatever its details");
        (await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain("24197", customMessage: "LST-1: the list holds the calls in progress alone");
        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBeTrue("nothing changed the couple after its end");
    }
}
