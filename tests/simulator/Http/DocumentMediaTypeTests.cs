using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>The profile setting documentMediaType (LST-1, DET-1): what the list and details documents are served as.</summary>
public sealed class DocumentMediaTypeTests
{
    [Theory]
    [InlineData(null, "application/xml")]
    [InlineData("documentMediaType=text/xml", "text/xml")]
    public async Task The_list_and_the_details_are_served_as_the_profile_says_with_links_typed_application_xml(string? setting, string mediaType)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var list = await client.ListAsync();
        var details = await client.DetailsAsync(AgentsCouple);

        list.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType, "LST-1");
        details.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType, "DET-1");
        (await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("type=\"application/xml\"", Case.Sensitive, "LST-5: the documented link type stays");
    }
}
