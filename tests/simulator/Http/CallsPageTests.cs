using System.Net;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>GEN-3: <c>GET /simulator/calls</c> answers a page at a time, so no world makes it one answer of gigabytes.</summary>
public sealed class CallsPageTests
{
    [Fact]
    public async Task GEN_3_The_couples_come_in_pages_in_id_order_each_naming_the_next_in_a_Link_header()
    {
        // Arrange: eight couples, one of them ended
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        for (var i = 0; i < 5; i++)
        {
            recorder.Recorder.StartCall(new NewCall("5550100", $"1002{i}"));
        }

        recorder.Recorder.EndCall(OthersCouple);
        var http = recorder.CreateClient();

        // Act: the pages of three, followed by their links
        var ids = new List<long>();
        var sizes = new List<int>();
        for (var next = "/simulator/calls?ended=true&limit=3"; next is not null;)
        {
            using var page = await http.GetAsync(next, TestContext.Current.CancellationToken);
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
            var couples = (await Control.JsonAsync(page)).AsArray();
            ids.AddRange(couples.Select(c => (long)c!["coupleId"]!));
            sizes.Add(couples.Count);
            next = page.Headers.TryGetValues("Link", out var links) ? links.Single().Split('>')[0].TrimStart('<') : null;
        }

        // Assert
        ids.ShouldBe(Enumerable.Range(24197, 8).Select(i => (long)i), "every couple once, in id order, the ended one too (ended=true is kept in the link)");
        sizes.ShouldBe([3, 3, 2], "the last page has no Link");
    }

    [Fact]
    public async Task GEN_3_Without_a_limit_a_page_holds_at_most_10000_couples()
    {
        // Arrange
        var world = Small() with { Calls = [.. Enumerable.Range(0, CallsPageLimit + 5).Select(i => new NewCall("5550100", $"{100000 + i}"))] };
        await using var recorder = await FakeRecorder.StartAsync(world, TestContext.Current.CancellationToken);

        // Act
        using var page = await recorder.CreateClient().GetAsync("/simulator/calls", TestContext.Current.CancellationToken);

        // Assert
        var couples = (await Control.JsonAsync(page)).AsArray();
        couples.Count.ShouldBe(CallsPageLimit);
        page.Headers.GetValues("Link").Single().ShouldBe($"</simulator/calls?after={(long)couples[^1]!["coupleId"]!}>; rel=\"next\"");
    }

    [Fact]
    public async Task GEN_3_A_page_ends_before_its_couples_hold_more_than_100000_pause_intervals()
    {
        // Arrange: pauseScope=call on a call of 101 legs, paused and resumed 1,000 times: 101,000 intervals
        var world = Small(RecorderProfile.Default with { PauseScope = PauseScope.Call }) with
        {
            Calls = [.. Enumerable.Range(0, 101).Select(i => new NewCall("5550100", $"{100000 + i}", CallId: 7))],
        };
        await using var recorder = await FakeRecorder.StartAsync(world, TestContext.Current.CancellationToken);
        var session = recorder.Recorder.Login("admin", "secret", requestCarriedCookie: true, priorSessionId: null).SessionId;
        for (var i = 0; i < 1_000; i++)
        {
            recorder.Recorder.SetPaused(session, AgentsCouple, true).Changed.ShouldBeTrue();
            recorder.Recorder.SetPaused(session, AgentsCouple, false).Changed.ShouldBeTrue();
        }

        // Act
        using var page = await recorder.CreateClient().GetAsync("/simulator/calls", TestContext.Current.CancellationToken);

        // Assert
        var couples = (await Control.JsonAsync(page)).AsArray();
        couples.Count.ShouldBe(100, "100 couples of 1,000 intervals each fill a page");
        page.Headers.GetValues("Link").Single().ShouldBe($"</simulator/calls?after={AgentsCouple + 99}>; rel=\"next\"");
    }

    [Theory]
    [InlineData("limit=0", "limit must be a whole number from 1 to 10000, not '0'")]
    [InlineData("limit=10001", "limit must be a whole number from 1 to 10000, not '10001'")]
    [InlineData("limit=-1", "limit must be a whole number from 1 to 10000, not '-1'")]
    [InlineData("after=x", "after must be a couple id (the last one of the previous page), not 'x'")]
    public async Task GEN_3_A_limit_or_an_after_that_is_no_number_in_range_is_a_400_saying_so(string query, string message)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        using var answer = await recorder.CreateClient().GetAsync($"/simulator/calls?{query}", TestContext.Current.CancellationToken);

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(message + "\n");
    }

    private const int CallsPageLimit = 10_000;
}
