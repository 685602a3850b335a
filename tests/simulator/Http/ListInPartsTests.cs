using System.Net;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Http;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>GEN-3: the list of a large world goes out a part at a time, so a client that reads it slowly holds a part, not the document.</summary>
public sealed class ListInPartsTests
{
    [Fact]
    public async Task GEN_3_A_list_larger_than_a_part_is_sent_as_it_is_written_not_held_whole()
    {
        // Arrange: a list of about 500 KB, some eight parts, over a socket (in-process hosts buffer an answer whole)
        var world = Small() with { Calls = [.. Small().Calls, .. Enumerable.Range(0, 3000).Select(i => new NewCall("5550100", $"{100000 + i}"))] };
        await using var simulator = await KestrelSimulator.StartAsync(world);
        var client = await LegacyClient.LoggedInAsync(simulator.Client, "admin", "secret");

        // Act
        using var response = await client.ListAsync();

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "LST-1");
        response.Headers.TransferEncodingChunked.ShouldBe(true, "GEN-3: a document held whole is sent with its length; one sent as it is written, in chunks");
        var listed = await Documents.ListAsync(response);
        listed.Count.ShouldBe(3003, "LST-1: every couple in progress, in parts as in one");
        listed.Select(c => c.Id).ShouldBeInOrder(SortDirection.Ascending, "LST-1");
    }

    [Fact]
    public async Task GEN_3_A_list_that_fits_in_a_part_is_sent_whole_with_its_length()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        // Act
        using var response = await client.ListAsync();
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        // Assert
        body.Length.ShouldBeLessThan(CouplesXml.PartBytes);
        response.Content.Headers.ContentLength.ShouldBe(body.Length, "LST-1: a small list is one part, sent with its length");
    }
}
