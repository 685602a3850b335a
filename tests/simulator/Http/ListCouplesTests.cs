using System.Net;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

public sealed class ListCouplesTests
{
    [Fact]
    public async Task LST_1_The_list_holds_every_couple_in_progress()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await client.ListAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK, "LST-1");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml", "LST-1");
        (await Documents.ListAsync(response)).Select(c => c.Id).ShouldBe([AgentsCouple, OthersCouple, InternalCouple], "LST-1");
    }

    [Fact]
    public async Task LST_2_Listing_without_a_login_is_403()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());

        var response = await client.ListAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "LST-2");
        (await response.Content.ReadAsStringAsync()).ShouldBe("not logged in: the request carries no JSESSIONID cookie (LST-2)\n");
    }

    [Theory]
    [InlineData("phoneNumber=10031", new[] { OthersCouple, InternalCouple })]
    [InlineData("phoneNumber=10031&phoneNumberDirection=BOTH", new[] { OthersCouple, InternalCouple })]
    [InlineData("phoneNumber=10031&phoneNumberDirection=CALLING", new[] { OthersCouple })]
    [InlineData("phoneNumber=10031&phoneNumberDirection=CALLED", new[] { InternalCouple })]
    [InlineData("ipAddress=10.0.0.5", new[] { AgentsCouple, OthersCouple })]
    [InlineData("ipAddress=10.0.0.5&ipAddressDirection=CALLING", new[] { AgentsCouple })]
    [InlineData("ipAddress=10.0.0.5&ipAddressDirection=CALLED", new[] { OthersCouple })]
    [InlineData("ipAddressDirection=CALLED", new[] { AgentsCouple, OthersCouple, InternalCouple })]
    public async Task LST_3_Filters_match_the_side_their_direction_names_and_both_sides_by_default(string query, long[] expected)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var listed = await Documents.ListAsync(await client.ListAsync(query));

        listed.Select(c => c.Id).ShouldBe(expected, $"LST-3: {query}");
    }

    [Theory]
    [InlineData("phoneNumber=10031&ipAddress=10.0.1.15", new[] { InternalCouple })]
    [InlineData("phoneNumber=10031&ipAddress=10.0.0.5", new[] { OthersCouple })]
    [InlineData("phoneNumber=10031&phoneNumberDirection=CALLED&ipAddress=10.0.0.5", new long[0])]
    public async Task LST_4_Combined_filters_must_both_match(string query, long[] expected)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var listed = await Documents.ListAsync(await client.ListAsync(query));

        listed.Select(c => c.Id).ShouldBe(expected, $"LST-4: {query}");
    }

    [Fact]
    public async Task LST_5_Only_couples_the_user_may_see_carry_an_absolute_self_link()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "agent", "agent-pw");

        var listed = await Documents.ListAsync(await client.ListAsync());

        listed.Single(c => c.Id == AgentsCouple).SelfHref.ShouldBe($"http://localhost/callrec/restful/couples.xml/{AgentsCouple}", "LST-5");
        listed.Single(c => c.Id == InternalCouple).SelfHref.ShouldNotBeNull("LST-5: calling number 10015 matches 1001?");
        listed.Single(c => c.Id == OthersCouple).SelfHref.ShouldBeNull("LST-5: no number matches the agent's mask");
    }

    [Fact]
    public async Task LST_5_The_self_link_is_in_the_Atom_namespace_at_the_documented_XPath()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var xml = await (await client.ListAsync("phoneNumber=10012")).Content.ReadAsStringAsync();
        var document = new System.Xml.XmlDocument();
        document.LoadXml(xml);
        var namespaces = new System.Xml.XmlNamespaceManager(document.NameTable);
        namespaces.AddNamespace("ns2", "http://www.w3.org/2005/Atom");

        document.SelectSingleNode("/couples/couples/ns2:link[@rel='self']/@href", namespaces)!.Value
            .ShouldBe($"http://localhost/callrec/restful/couples.xml/{AgentsCouple}", "LST-5");
        xml.ShouldContain("<ns2:link", Case.Sensitive, "LST-5: prefix ns2");
    }

    [Theory]
    [InlineData("phoneNumber=1003")]
    [InlineData("phoneNumber=0031")]
    [InlineData("phoneNumber=10031%20")]
    [InlineData("ipAddress=10.0.0")]
    [InlineData("phoneNumber=")]
    public async Task LST_6_Filter_values_match_exactly(string query)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await client.ListAsync(query);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Documents.ListAsync(response)).ShouldBeEmpty($"LST-6: {query} is no exact match");
    }

    [Theory]
    [InlineData("phoneNumber=10031&phoneNumberDirection=calling")]
    [InlineData("phoneNumberDirection=EITHER")]
    [InlineData("ipAddress=10.0.0.5&ipAddressDirection=")]
    [InlineData("ipAddressDirection=Called")]
    public async Task LST_6_An_invalid_direction_is_404(string query)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await client.ListAsync(query);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"LST-6: {query}");
        (await response.Content.ReadAsStringAsync()).ShouldEndWith("(LST-6)\n");
    }

    [Fact]
    public async Task LST_6_The_invalid_direction_status_is_a_profile_setting_and_comes_after_the_login_check()
    {
        var profile = PauseResume.Simulator.Domain.RecorderProfile.Default.With("invalidDirectionStatus", "400").Profile!;
        await using var recorder = await FakeRecorder.StartAsync(Small(profile), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var client = await LegacyClient.LoggedInAsync(http, "admin", "secret");

        (await client.ListAsync("phoneNumberDirection=X")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "LST-6 under invalidDirectionStatus=400");
        (await new LegacyClient(http).ListAsync("phoneNumberDirection=X")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "LST-2 first");
    }

    [Fact]
    public async Task LST_7_A_user_without_Call_List_gets_403()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "guest", "guest-pw");

        var response = await client.ListAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "LST-7");
        (await response.Content.ReadAsStringAsync()).ShouldContain("Call List");
    }

    [Fact]
    public async Task LST_7_Ended_couples_are_never_listed_and_no_match_is_an_empty_list()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        recorder.Recorder.EndCall(OthersCouple).ShouldBeTrue();

        var all = await Documents.ListAsync(await client.ListAsync());
        var none = await client.ListAsync("phoneNumber=5559876");

        all.Select(c => c.Id).ShouldBe([AgentsCouple, InternalCouple], "LST-7: ended couples are not listed");
        none.StatusCode.ShouldBe(HttpStatusCode.OK, "LST-7");
        (await none.Content.ReadAsStringAsync()).ShouldContain("<couples xmlns:ns2=\"http://www.w3.org/2005/Atom\" />", Case.Sensitive, "LST-7: empty list");
    }
}
