using System.Xml.Linq;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>
/// The profile settings filterMatch (LST-6: a filter's value matches a whole number or address, its start, or any part)
/// and filterJoin (LST-4: two filters joined by "and" or "or"), on the sides each direction names.
/// </summary>
public sealed class FilterMatchTests
{
    [Theory]
    [InlineData(null, "phoneNumber=1001", "")]
    [InlineData("filterMatch=prefix", "phoneNumber=1001", "24197 24199")]
    [InlineData("filterMatch=part", "phoneNumber=1001", "24197 24199")]
    [InlineData("filterMatch=prefix", "phoneNumber=1001&phoneNumberDirection=CALLED", "24197")]
    [InlineData("filterMatch=prefix", "phoneNumber=0031", "")]
    [InlineData("filterMatch=part", "phoneNumber=0031", "24198 24199")]
    [InlineData("filterMatch=part", "phoneNumber=0031&phoneNumberDirection=CALLING", "24198")]
    [InlineData("filterMatch=part", "ipAddress=1.31&ipAddressDirection=CALLED", "24199")]
    [InlineData("filterMatch=exact", "phoneNumber=10031", "24198 24199")]
    [InlineData(null, "phoneNumber=5551234&ipAddress=10.0.1.31", "")]
    [InlineData("filterJoin=or", "phoneNumber=5551234&ipAddress=10.0.1.31", "24197 24198 24199")]
    [InlineData("filterJoin=or", "phoneNumber=5551234&ipAddress=10.0.1.31&ipAddressDirection=CALLING", "24197 24198")]
    [InlineData("filterJoin=or", "phoneNumber=5551234", "24197")]
    [InlineData("filterJoin=and", "phoneNumber=10031&ipAddress=10.0.1.31", "24198 24199")]
    public async Task LST_4_LST_6_The_filters_match_and_join_as_the_profile_says(string? setting, string query, string listed)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", Admin.Password);

        var response = await admin.ListAsync(query);

        var ids = XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Root!.Elements("couples").Select(c => (string)c.Attribute("id")!);
        string.Join(' ', ids).ShouldBe(listed, $"LST-4, LST-6: {query} under {setting ?? "the default"}");
    }

    /// <summary>
    /// LST-4 (inferred): under filterScope=call a filter lists every couple in progress of the calls it finds, a
    /// transfer's other leg too (24200, joined to 24197's call, matches no filter value), and an ended leg never; without
    /// a filter the list is the same either way.
    /// </summary>
    [Theory]
    [InlineData(null, "phoneNumber=5551234", "24197")]
    [InlineData("filterScope=couple", "phoneNumber=5551234", "24197")]
    [InlineData("filterScope=call", "phoneNumber=5551234", "24197 24200")]
    [InlineData("filterScope=call", "ipAddress=10.0.2.2", "24197 24200")]
    [InlineData("filterScope=call", "phoneNumber=5551234&phoneNumberDirection=CALLED", "")]
    [InlineData("filterScope=call", "phoneNumber=5551234&ipAddress=10.0.1.31", "")]
    [InlineData("filterScope=call,filterJoin=or", "phoneNumber=5551234&ipAddress=10.0.1.31", "24197 24198 24199 24200")]
    [InlineData("filterScope=call", "", "24197 24198 24199 24200")]
    public async Task LST_4_filterScope_says_whether_a_filter_lists_the_other_couples_of_the_calls_it_finds(string? settings, string query, string listed)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(settings?.Split(',') ?? [])), TestContext.Current.CancellationToken);
        var leg = recorder.Recorder.StartCall(new NewCall("10020", "10021", "10.0.2.1", "10.0.2.2", CallId: recorder.Recorder.Find(AgentsCouple)!.Couple.CallId));
        var ended = recorder.Recorder.StartCall(new NewCall("10022", "10023", CallId: recorder.Recorder.Find(AgentsCouple)!.Couple.CallId));
        recorder.Recorder.EndCall(ended.Id);
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", Admin.Password);

        var response = await admin.ListAsync(query);

        leg.Id.ShouldBe(24200);
        var ids = XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Root!.Elements("couples").Select(c => (string)c.Attribute("id")!);
        string.Join(' ', ids).ShouldBe(listed, $"LST-4: {query} under {settings ?? "the default"}");
    }
}
