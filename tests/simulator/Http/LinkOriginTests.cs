using System.Xml.Linq;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>
/// The profile setting linkOrigin (LST-5, DET-2): the documents' links start with the scheme, host and port the client
/// used, or with a name the recorder was configured with (a recorder behind a proxy).
/// </summary>
public sealed class LinkOriginTests
{
    [Theory]
    [InlineData(null, "http://localhost/callrec/restful/couples.xml/24197")]
    [InlineData("linkOrigin=request", "http://localhost/callrec/restful/couples.xml/24197")]
    [InlineData("linkOrigin=HTTPS://Recorder.Example:8443/", "https://recorder.example:8443/callrec/restful/couples.xml/24197")]
    public async Task LST_5_and_DET_2_The_links_start_where_the_profile_says(string? setting, string self)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", Admin.Password);

        var list = XDocument.Parse(await (await admin.ListAsync()).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var details = XDocument.Parse(await (await admin.DetailsAsync(AgentsCouple)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        string[] Links(XElement couple) => [.. couple.Elements().Where(e => e.Name.LocalName == "link").Select(e => (string)e.Attribute("href")!)];
        Links(list.Root!.Elements("couples").First()).ShouldBe([self], "LST-5");
        Links(details.Root!).ShouldBe([self, self + "/pausedState"], "DET-2");
    }
}
