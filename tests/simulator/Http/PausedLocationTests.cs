using System.Net;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>
/// The profile settings pausedLocation (PSE-3: where <c>paused</c> is read) and repeatedPaused (PSE-2: which of several
/// values counts), under both readings of PSE-2.
/// </summary>
public sealed class PausedLocationTests
{
    public static TheoryData<string, string, bool, bool> Placements => new()
    {
        // setting, method, in the query, read
        { "form-and-query", "POST", false, true },
        { "form-and-query", "PUT", false, true },
        { "form-and-query", "POST", true, true },
        { "form-and-query", "PUT", true, true },
        { "form", "POST", false, true },
        { "form", "PUT", false, true },
        { "form", "POST", true, false },
        { "form", "PUT", true, false },
        { "query", "POST", false, false },
        { "query", "PUT", false, false },
        { "query", "POST", true, true },
        { "query", "PUT", true, true },
        { "post-form-and-query", "POST", false, true },
        { "post-form-and-query", "PUT", false, false },
        { "post-form-and-query", "POST", true, true },
        { "post-form-and-query", "PUT", true, true },
    };

    [Theory]
    [MemberData(nameof(Placements))]
    public async Task PSE_3_Under_strict_a_paused_where_pausedLocation_does_not_look_is_missing_400_and_changes_nothing(string location, string method, bool inQuery, bool read)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With($"pausedLocation={location}")), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await client.SetPausedAsync(AgentsCouple, inQuery ? string.Empty : "paused=true", HttpMethod.Parse(method), inQuery ? "paused=true" : string.Empty);

        var where = $"pausedLocation={location}, {method}, paused=true in the {(inQuery ? "query" : "body")}";
        response.StatusCode.ShouldBe(read ? HttpStatusCode.NoContent : HttpStatusCode.BadRequest, $"PSE-3: {where}");
        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBe(read, $"PSE-1 or nothing changed: {where}");
        if (!read)
        {
            (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("is read from", Case.Sensitive, "PSE-2: the 400 says where paused is read");
        }
    }

    [Theory]
    [MemberData(nameof(Placements))]
    public async Task PSE_3_Under_jaxrs_lenient_a_paused_where_pausedLocation_does_not_look_reads_as_false_and_resumes(string location, string method, bool inQuery, bool read)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With("pausedParameter=jaxrs-lenient", $"pausedLocation={location}")), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await client.SetPausedAsync(AgentsCouple, inQuery ? string.Empty : "paused=true", HttpMethod.Parse(method), inQuery ? "paused=true" : string.Empty);

        var where = $"jaxrs-lenient, pausedLocation={location}, {method}, paused=true in the {(inQuery ? "query" : "body")}";
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, $"PSE-2: a Java server never refuses a boolean: {where}");
        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBe(read, $"PSE-2: a paused it does not see is false: {where}");
    }

    [Theory]
    [InlineData(null, "paused=true&paused=false", null)]
    [InlineData("repeatedPaused=first", "paused=true&paused=false", true)]
    [InlineData("repeatedPaused=last", "paused=true&paused=false", false)]
    [InlineData("repeatedPaused=last", "paused=false&paused=true", true)]
    [InlineData(null, "paused=true&paused=TRUE", true)]
    [InlineData("repeatedPaused=first", "paused=yes&paused=true", null)]
    [InlineData("repeatedPaused=last", "paused=yes&paused=true", true)]
    [InlineData("repeatedPaused=refused-any", "paused=true&paused=TRUE", null)]
    [InlineData("repeatedPaused=refused-any", "paused=true", true)]
    [InlineData("repeatedPaused=joined", "paused=true&paused=true", null)]
    [InlineData("repeatedPaused=joined", "paused=true", true)]
    public async Task PSE_2_repeatedPaused_says_which_of_several_values_counts_under_strict(string? setting, string body, bool? paused)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await client.SetPausedAsync(AgentsCouple, body);

        var what = $"{setting ?? "the default"}, '{body}'";
        response.StatusCode.ShouldBe(paused is null ? HttpStatusCode.BadRequest : HttpStatusCode.NoContent, $"PSE-2: {what}");
        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBe(paused == true, $"PSE-2: {what}");
    }

    [Theory]
    [InlineData(null, "paused=true&paused=false", true)]
    [InlineData("repeatedPaused=last", "paused=true&paused=false", false)]
    [InlineData("repeatedPaused=refused", "paused=true&paused=false", null)]
    [InlineData("repeatedPaused=refused-any", "paused=true&paused=true", null)]
    [InlineData("repeatedPaused=joined", "paused=true&paused=true", false)]
    [InlineData("repeatedPaused=joined", "paused=TRUE", true)]
    public async Task PSE_2_The_jaxrs_lenient_profile_reads_the_first_of_several_values_unless_repeatedPaused_says_otherwise(string? setting, string body, bool? paused)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With("pausedParameter=jaxrs-lenient", "repeatedPaused=first", setting)), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await client.SetPausedAsync(AgentsCouple, body);

        var what = $"jaxrs-lenient, {setting ?? "repeatedPaused=first"}, '{body}'";
        response.StatusCode.ShouldBe(paused is null ? HttpStatusCode.BadRequest : HttpStatusCode.NoContent, $"PSE-2: {what}");
        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBe(paused == true, $"PSE-2: {what}");
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("repeatedPaused=first", null, true)]
    [InlineData("repeatedPaused=refused-any", null, false)]
    [InlineData("repeatedPaused=refused-any", "pausedLocation=form", true)]
    [InlineData("repeatedPaused=refused-any", "pausedLocation=query", true)]
    public async Task PSE_2_The_same_paused_in_the_body_and_the_query_is_one_value_unless_repeatedPaused_refuses_any_repetition(string? repeated, string? location, bool taken)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(repeated, location)), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await client.SetPausedAsync(AgentsCouple, "paused=true", HttpMethod.Post, "paused=true");

        var what = $"{repeated ?? "the default"}, {location ?? "pausedLocation=form-and-query"}, paused=true in the body and the query";
        response.StatusCode.ShouldBe(taken ? HttpStatusCode.NoContent : HttpStatusCode.BadRequest, $"PSE-2: {what}");
        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBe(taken, $"PSE-2: {what}");
        if (!taken)
        {
            (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("given more than once", Case.Sensitive, "PSE-2: the 400 says why");
        }
    }

    [Fact]
    public void PSE_2_The_built_in_jaxrs_lenient_profile_reads_the_first_of_several_values()
    {
        RecorderProfile.JaxRsLenient.RepeatedPaused.ShouldBe(RepeatedPaused.First, "PSE-2: as a servlet's getParameter");
        RecorderProfile.Default.RepeatedPaused.ShouldBe(RepeatedPaused.Refused, "PSE-2: the strict default");
    }
}
