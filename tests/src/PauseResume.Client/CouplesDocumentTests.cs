namespace PauseResume.Client.Tests;

/// <summary>The client reads the golden documents the simulator is pinned to, and survives another Atom prefix.</summary>
public sealed class CouplesDocumentTests
{
    private static readonly Uri Server = new("http://myserver/");
    private static readonly Uri List = new("http://myserver/callrec/restful/couples.xml");
    private static readonly Uri Details = new("http://myserver/callrec/restful/couples.xml/24197");

    private static string Golden(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "golden", name));

    [Fact]
    public void LST_5_The_golden_list_reads_as_couples_with_and_without_self_links()
    {
        var couples = CouplesDocument.ParseList(Golden("couples-list.xml"), Server, List);

        couples.ShouldBe(
        [
            new CoupleSummary(24197, 24142, new Uri("http://myserver/callrec/restful/couples.xml/24197")),
            new CoupleSummary(24198, 24143, null),
            new CoupleSummary(24199, 24144, new Uri("http://myserver/callrec/restful/couples.xml/24199")),
        ]);
    }

    [Fact]
    public void DET_2_The_golden_details_read_with_their_pausedState_link_and_state()
    {
        var details = CouplesDocument.ParseDetails(Golden("couple-details.xml"), Server, Details);

        details.ShouldBe(new CoupleDetails(
            24197, 24142, new Uri("http://myserver/callrec/restful/couples.xml/24197"),
            new Uri("http://myserver/callrec/restful/couples.xml/24197/pausedState"),
            new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero), "5551234", "10012", "10.0.0.5", "10.0.1.12", "INCOMING", true));
    }

    [Fact]
    public void LST_7_The_golden_empty_list_reads_as_no_couples()
    {
        CouplesDocument.ParseList(Golden("couples-empty.xml"), Server, List).ShouldBeEmpty();
    }

    [Fact]
    public void LST_5_Links_are_found_by_local_name_whatever_the_prefix()
    {
        var renamed = Golden("couples-list.xml").Replace("ns2:", "atom:", StringComparison.Ordinal).Replace("xmlns:ns2", "xmlns:atom", StringComparison.Ordinal);

        CouplesDocument.ParseList(renamed, Server, List).Count(c => c.MaySeeDetails).ShouldBe(2);
    }

    /// <summary>
    /// LST-5, DET-2: a recorder may write its links relative to the document that holds them (how it writes them is
    /// inferred, linkOrigin); behind a gateway that mounts it under a path, such a link is still the recorder's own.
    /// </summary>
    [Theory]
    [InlineData("http://myserver/")]
    [InlineData("https://gw.example/recorder/")]
    public void LST_5_DET_2_Links_relative_to_their_document_resolve_against_it(string root)
    {
        var server = new Uri(root);
        var list = Golden("couples-list.xml").Replace("http://myserver/callrec/restful/couples.xml/", "couples.xml/", StringComparison.Ordinal);
        var details = Golden("couple-details.xml").Replace("\"http://myserver/callrec/restful/couples.xml/24197\"", "\"24197\"", StringComparison.Ordinal)
            .Replace("http://myserver/callrec/restful/couples.xml/24197/pausedState", "24197/pausedState", StringComparison.Ordinal);

        var couples = CouplesDocument.ParseList(list, server, new Uri(server, "callrec/restful/couples.xml?phoneNumber=10012"));
        var read = CouplesDocument.ParseDetails(details, server, new Uri(server, "callrec/restful/couples.xml/24197"));

        couples[0].DetailsLink.ShouldBe(new Uri(server, "callrec/restful/couples.xml/24197"));
        read.SelfLink.ShouldBe(new Uri(server, "callrec/restful/couples.xml/24197"), "the self link: a name within the folder couples.xml/");
        read.PausedStateLink.ShouldBe(new Uri(server, "callrec/restful/couples.xml/24197/pausedState"));
    }

    [Theory]
    [InlineData("not xml")]
    [InlineData("<html><body>Login</body></html>")]
    [InlineData("<couples><couples callId=\"1\"/></couples>")]
    public void A_document_that_is_not_as_documented_is_an_UnexpectedResponse(string xml)
    {
        Should.Throw<RecorderException>(() => CouplesDocument.ParseList(xml, Server, List)).Error.ShouldBe(RecorderError.UnexpectedResponse);
    }
}
