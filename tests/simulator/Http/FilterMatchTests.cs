using System.Xml.Linq;
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
}
