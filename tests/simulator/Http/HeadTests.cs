using System.Net;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>
/// HEAD on the list and the details (GEN-2): a JAX-RS server must answer it with its GET method and drop the entity, so
/// those paths take HEAD; pausedState has no GET, so HEAD is no method it takes.
/// </summary>
public sealed class HeadTests
{
    [Theory]
    [InlineData(LegacyClient.CouplesPath, true, HttpStatusCode.OK)]
    [InlineData(LegacyClient.CouplesPath + "/24197", true, HttpStatusCode.OK)]
    [InlineData(LegacyClient.CouplesPath + "/99999", true, HttpStatusCode.NotFound)]
    [InlineData(LegacyClient.CouplesPath, false, HttpStatusCode.Forbidden)]
    [InlineData(LegacyClient.CouplesPath + "/24197/pausedState", true, HttpStatusCode.MethodNotAllowed)]
    public async Task GEN_2_HEAD_is_answered_as_GET_where_the_path_has_a_GET(string path, bool loggedIn, HttpStatusCode status)
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = loggedIn ? await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret") : new LegacyClient(recorder.CreateClient());

        // Act
        using var head = await client.SendAsync(HttpMethod.Head, path);

        // Assert
        head.StatusCode.ShouldBe(status, $"GEN-2: HEAD {path} (logged in: {loggedIn}), as a JAX-RS server answers it");
        (await head.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty("GEN-2: a HEAD is answered without a body, in process as over HTTP");
        if (status == HttpStatusCode.OK)
        {
            using var get = await client.SendAsync(HttpMethod.Get, path);
            head.Content.Headers.ContentType.ShouldBe(get.Content.Headers.ContentType, "GEN-2: HEAD's headers are GET's");
            head.Content.Headers.ContentLength.ShouldBe((await get.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length, "GEN-2: the length is the GET's body's");
        }

        recorder.Recorder.Find(AgentsCouple)!.History.ShouldBeEmpty("GEN-3: HEAD changes nothing");
    }

    [Theory]
    [InlineData("headMethod=not-allowed", HttpStatusCode.MethodNotAllowed)]
    [InlineData("headMethod=not-allowed,methodNotAllowedStatus=404", HttpStatusCode.NotFound)]
    [InlineData("headMethod=as-get", HttpStatusCode.OK)]
    public async Task GEN_2_Under_headMethod_not_allowed_HEAD_is_a_method_the_list_and_details_do_not_take(string settings, HttpStatusCode status)
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(settings.Split(','))), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        // Act
        using var list = await client.SendAsync(HttpMethod.Head, LegacyClient.CouplesPath);
        using var details = await client.SendAsync(HttpMethod.Head, LegacyClient.CouplesPath + "/24197");
        using var get = await client.SendAsync(HttpMethod.Get, LegacyClient.CouplesPath);

        // Assert
        list.StatusCode.ShouldBe(status, $"GEN-2 under {settings}");
        details.StatusCode.ShouldBe(status, $"GEN-2 under {settings}");
        get.StatusCode.ShouldBe(HttpStatusCode.OK, "the GET is served whatever HEAD gets");
    }
}

