using System.Net;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>
/// PSE-3 (inferred): a POST to pausedState with <c>paused</c> in the query and no body at all. By default it is read as
/// with an empty form (a servlet reads the query string whatever the body); under <c>formlessPost=refused</c> it is
/// refused 415 before the session or the couple is looked at, as a JAX-RS method that consumes only forms refuses it.
/// </summary>
public sealed class FormlessPostTests
{
    [Theory]
    [InlineData(FormlessPost.Read, true, HttpStatusCode.NoContent, true)]
    [InlineData(FormlessPost.Read, false, HttpStatusCode.Forbidden, false)]
    [InlineData(FormlessPost.Refused, true, HttpStatusCode.UnsupportedMediaType, false)]
    [InlineData(FormlessPost.Refused, false, HttpStatusCode.UnsupportedMediaType, false)]
    public async Task PSE_3_A_pause_in_the_query_of_a_POST_without_a_body_is_read_or_refused_as_the_profile_says(FormlessPost setting, bool loggedIn, HttpStatusCode status, bool paused)
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(RecorderProfile.Default with { FormlessPost = setting }), TestContext.Current.CancellationToken);
        var client = loggedIn ? await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret") : new LegacyClient(recorder.CreateClient());

        // Act
        using var answer = await client.SendAsync(HttpMethod.Post, $"{LegacyClient.CouplesPath}/{AgentsCouple}/pausedState?paused=true");

        // Assert
        answer.StatusCode.ShouldBe(status);
        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBe(paused, "PSE-1: taken only where it is read and allowed");
    }

    [Fact]
    public async Task PSE_3_Under_formlessPost_refused_a_pause_with_an_empty_form_is_still_read()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(RecorderProfile.Default with { FormlessPost = FormlessPost.Refused }), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        // Act
        using var answer = await client.SetPausedAsync(AgentsCouple, string.Empty, query: "paused=true");

        // Assert
        answer.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBeTrue();
    }

    [Theory]
    [InlineData(FormlessPost.Read, HttpStatusCode.NoContent, true)]
    [InlineData(FormlessPost.Refused, HttpStatusCode.UnsupportedMediaType, false)]
    public async Task PSE_3_A_multipart_form_is_no_urlencoded_form_so_formlessPost_refused_refuses_it(FormlessPost setting, HttpStatusCode status, bool paused)
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(RecorderProfile.Default with { FormlessPost = setting }), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        using var multipart = new MultipartFormDataContent { { new StringContent("true"), "paused" } };

        // Act
        using var answer = await client.SendAsync(HttpMethod.Post, $"{LegacyClient.CouplesPath}/{AgentsCouple}/pausedState", multipart);

        // Assert
        answer.StatusCode.ShouldBe(status, "a method that consumes only application/x-www-form-urlencoded refuses multipart/form-data");
        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBe(paused, "PSE-1: taken only where it is read");
    }
}
