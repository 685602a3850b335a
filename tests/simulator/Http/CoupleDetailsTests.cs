using System.Net;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

public sealed class CoupleDetailsTests
{
    [Fact]
    public async Task DET_1_The_self_link_of_the_list_leads_to_the_details_document()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "agent", "agent-pw");
        var self = (await Documents.ListAsync(await client.ListAsync("phoneNumber=10012"))).Single().SelfHref!;

        var response = await client.SendAsync(HttpMethod.Get, self);
        var details = await Documents.DetailsAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, "DET-1");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml", "DET-1");
        ((long)details.Attribute("id")!).ShouldBe(AgentsCouple, "DET-1");
        details.Element("callingNumber")!.Value.ShouldBe("5551234");
        details.Element("calledNumber")!.Value.ShouldBe("10012");
        details.Element("callingIp")!.Value.ShouldBe("10.0.0.5");
        details.Element("direction")!.Value.ShouldBe("INCOMING");
        details.Element("paused")!.Value.ShouldBe("false");
        Documents.Href(details, "self").ShouldBe(self, "DET-1");
    }

    [Fact]
    public async Task DET_2_The_pausedState_link_appears_only_with_the_pause_right()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var admin = await LegacyClient.LoggedInAsync(http, "admin", "secret");
        var monitor = await LegacyClient.LoggedInAsync(http, "monitor", "monitor-pw");

        var withRight = await Documents.DetailsAsync(await admin.DetailsAsync(AgentsCouple));
        var withoutRight = await Documents.DetailsAsync(await monitor.DetailsAsync(AgentsCouple));

        Documents.Href(withRight, "pausedState").ShouldBe($"http://localhost/callrec/restful/couples.xml/{AgentsCouple}/pausedState", "DET-2");
        Documents.Href(withoutRight, "pausedState").ShouldBeNull("DET-2: monitor lacks Pause and Resume Calls");
    }

    [Fact]
    public async Task DET_3_Details_are_403_without_login_or_access_and_404_for_unknown_or_ended_couples()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var agent = await LegacyClient.LoggedInAsync(http, "agent", "agent-pw");
        var guest = await LegacyClient.LoggedInAsync(http, "guest", "guest-pw");
        recorder.Recorder.EndCall(InternalCouple);

        (await new LegacyClient(http).DetailsAsync(AgentsCouple)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "DET-3: not logged in");
        (await agent.DetailsAsync(OthersCouple)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "DET-3: outside the agent's masks");
        (await guest.DetailsAsync(AgentsCouple)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "DET-3: no Call List");
        (await agent.DetailsAsync(99999)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "DET-3: unknown");
        (await agent.DetailsAsync(InternalCouple)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "DET-3: ended");
        (await agent.SendAsync(HttpMethod.Get, "/callrec/restful/couples.xml/abc")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "DET-3: not a number");
    }

    [Fact]
    public async Task DET_3_The_details_show_the_current_paused_state()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        await client.PauseAsync(AgentsCouple);
        var details = await Documents.DetailsAsync(await client.DetailsAsync(AgentsCouple));

        details.Element("paused")!.Value.ShouldBe("true", "DET-3 with PSE-1");
    }
}
