using System.Net;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>The profile setting directionWithoutValue (LST-6): is a direction read when its filter value is absent?</summary>
public sealed class DirectionWithoutValueTests
{
    private const string Ignored = "directionWithoutValue=ignored";

    [Theory]
    [InlineData(null, "phoneNumberDirection=EITHER")]
    [InlineData(null, "ipAddressDirection=calling")]
    [InlineData(null, "phoneNumber=10031&ipAddressDirection=X")]
    [InlineData("directionWithoutValue=checked", "phoneNumberDirection=EITHER")]
    [InlineData("directionWithoutValue=checked", "phoneNumber=10031&ipAddressDirection=X")]
    public async Task LST_6_Checked_validates_a_direction_even_without_its_filter_value(string? setting, string query)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await client.ListAsync(query);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"LST-6 under {setting ?? "the default"}: {query}");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("is not CALLING, CALLED or BOTH");
    }

    [Theory]
    [InlineData("ipAddress=10.0.0.5&ipAddressDirection=calling", "ipAddress=10.0.0.5&ipAddressDirection=CALLING")]
    [InlineData("ipAddress=10.0.0.5&ipAddressDirection=Called", "ipAddress=10.0.0.5&ipAddressDirection=CALLED")]
    [InlineData("phoneNumber=10031&phoneNumberDirection=", "phoneNumber=10031")]
    [InlineData("phoneNumber=10031&phoneNumberDirection=both", "phoneNumber=10031&phoneNumberDirection=BOTH")]
    [InlineData("phoneNumber=10031&phoneNumberDirection=call%C4%B1ng", "phoneNumber=10031&phoneNumberDirection=CALLING")] // a dotless ı, as Java upper-cases it
    public async Task LST_6_Under_directionCase_any_and_emptyDirection_none_a_direction_in_any_case_is_that_word_and_an_empty_one_none(string query, string asWritten)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With("directionCase=any", "emptyDirection=none")), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await client.ListAsync(query);
        var expected = await client.ListAsync(asWritten);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"LST-6 under directionCase=any: {query}");
        (await Documents.ListAsync(response)).Select(c => c.Id).ShouldBe((await Documents.ListAsync(expected)).Select(c => c.Id), $"LST-3: {query} as {asWritten}");
        (await client.ListAsync("phoneNumberDirection=EITHER")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "LST-6: another word is still invalid");
    }

    [Theory]
    [InlineData("directionCase=any", "phoneNumber=10031&phoneNumberDirection=Both", 200)]
    [InlineData("directionCase=any", "phoneNumber=10031&phoneNumberDirection=", 404)]
    [InlineData("emptyDirection=none", "phoneNumber=10031&phoneNumberDirection=", 200)]
    [InlineData("emptyDirection=none", "phoneNumber=10031&phoneNumberDirection=Both", 404)]
    public async Task LST_6_directionCase_reads_the_words_and_emptyDirection_an_empty_value_each_alone(string setting, string query, int status)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await client.ListAsync(query);

        ((int)response.StatusCode).ShouldBe(status, $"LST-6 under {setting}: {query}");
    }

    [Theory]
    [InlineData("phoneNumberDirection=EITHER", new[] { AgentsCouple, OthersCouple, InternalCouple })]
    [InlineData("ipAddressDirection=calling", new[] { AgentsCouple, OthersCouple, InternalCouple })]
    [InlineData("phoneNumberDirection=X&ipAddressDirection=Y", new[] { AgentsCouple, OthersCouple, InternalCouple })]
    [InlineData("phoneNumber=10031&ipAddressDirection=X", new[] { OthersCouple, InternalCouple })]
    [InlineData("ipAddress=10.0.0.5&ipAddressDirection=CALLING&phoneNumberDirection=X", new[] { AgentsCouple })]
    public async Task LST_6_Ignored_does_not_read_a_direction_whose_filter_value_is_absent(string query, long[] expected)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(Ignored)), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await client.ListAsync(query);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"LST-6 under {Ignored}: {query}");
        (await Documents.ListAsync(response)).Select(c => c.Id).ShouldBe(expected, $"LST-3 under {Ignored}: {query}");
    }

    [Theory]
    [InlineData("phoneNumber=10031&phoneNumberDirection=EITHER")]
    [InlineData("phoneNumber=&phoneNumberDirection=EITHER")]
    [InlineData("ipAddress=10.0.0.5&ipAddressDirection=Called")]
    public async Task LST_6_Ignored_still_refuses_an_invalid_direction_whose_filter_value_is_there(string query)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(Ignored)), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await client.ListAsync(query);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"LST-6 under {Ignored}: {query}");
    }
}
