using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PauseResume.Simulator.Json;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>The dashboard's Server-Sent Events: a snapshot on connect, then the changes, never a whole session id.</summary>
public sealed class DashboardEventsTests
{
    [Fact]
    public async Task The_first_event_is_a_snapshot_of_the_couples_in_progress_and_the_request_log()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        await new LegacyClient(http) { SendDummyCookie = false }.LoginAsync("agent", "agent-pw");

        await using var events = await EventStream.OpenAsync(http);
        var (type, snapshot, _) = await events.NextAsync();

        events.Response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        type.ShouldBe("snapshot");
        var couples = snapshot["state"]!["couples"]!.AsArray();
        couples.Select(c => (long)c!["coupleId"]!).ShouldBe([AgentsCouple, OthersCouple, InternalCouple]);
        couples.ShouldAllBe(c => (string)c!["callRecording"]! == "recording" && (string)c!["screenRecording"]! == "recording");
        var refused = snapshot["log"]!.AsArray().ShouldHaveSingleItem()!;
        ((string?)refused["rule"]).ShouldBe("SES-2", "the log entry names the rule that refused the login");
        ((string?)refused["user"]).ShouldBe("agent");
    }

    [Theory]
    [InlineData(FakeTransport.TestHost)]
    [InlineData(FakeTransport.Inline)]
    public async Task A_pause_through_the_legacy_API_is_the_next_state_event(FakeTransport transport)
    {
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(Small()).WithTransport(transport).StartAsync(TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        await using var events = await EventStream.OpenAsync(http);
        var (_, snapshot, _) = await events.NextAsync();
        var admin = await LegacyClient.LoggedInAsync(http, "admin", "secret");

        (await admin.PauseAsync(AgentsCouple)).EnsureSuccessStatusCode();
        var state = await events.NextAsync("state", s => Couple(s, AgentsCouple)?["callRecording"]?.GetValue<string>() == "paused");

        ((long)state["version"]!).ShouldBeGreaterThan((long)snapshot["state"]!["version"]!);
        var couple = Couple(state, AgentsCouple)!;
        ((string)couple["screenRecording"]!).ShouldBe("paused", "PSE-1 pauses both recordings");
        var pause = couple["pauses"]!.AsArray().ShouldHaveSingleItem()!;
        ((string)pause["pausedBy"]!).ShouldBe("admin");
        pause["resumedAt"].ShouldBeNull();
        ((string)Couple(state, OthersCouple)!["callRecording"]!).ShouldBe("recording");
    }

    /// <summary>
    /// GEN-3: streams watching a busy API share each reading of the state, at most one per <see cref="Simulator.Http.DashboardEvents.Coalescing"/>
    /// (more for a large state), where each stream read it for itself at every change before; and every stream still
    /// gets the state as it is once the changes stop.
    /// </summary>
    [Fact]
    public async Task Streams_watching_a_busy_API_share_the_readings_of_the_state_and_each_gets_the_last()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var feed = recorder.Services.GetRequiredService<Simulator.Http.DashboardEvents>();
        var admin = await LegacyClient.LoggedInAsync(http, "admin", "secret");
        var busy = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!busy.IsCancellationRequested)
            {
                (await admin.PauseAsync(AgentsCouple)).EnsureSuccessStatusCode();
                (await admin.ResumeAsync(AgentsCouple)).EnsureSuccessStatusCode();
                await Task.Delay(5, TestContext.Current.CancellationToken);
            }
        });

        // Opened while the API is busy, a few milliseconds apart: each stream wakes at a time of its own.
        var streams = new List<EventStream>();
        for (var i = 0; i < 8; i++)
        {
            streams.Add(await EventStream.OpenAsync(http));
            await streams[^1].NextAsync();
            await Task.Delay(7, TestContext.Current.CancellationToken);
        }

        var target = long.MaxValue;
        var readers = streams.Select(s => Task.Run(async () =>
        {
            var last = 0L;
            while (last < Volatile.Read(ref target))
            {
                var (type, data, _) = await s.NextAsync();
                last = type == "state" ? (long)data["version"]! : last;
            }

            return last;
        })).ToList();
        var before = feed.StatesRead;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        await busy.CancelAsync();
        await load;
        var watched = clock.Elapsed;
        var read = feed.StatesRead - before;
        Volatile.Write(ref target, recorder.Recorder.Version + 1);
        (await admin.PauseAsync(AgentsCouple)).EnsureSuccessStatusCode(); // the last change, which each stream must show
        var final = recorder.Recorder.Version;
        var lastSeen = await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        read.ShouldBeLessThanOrEqualTo((long)(watched / Simulator.Http.DashboardEvents.Coalescing) + 2, $"one reading per {Simulator.Http.DashboardEvents.Coalescing.TotalMilliseconds} ms at most, for all 8 streams, over {watched.TotalMilliseconds:0} ms");
        lastSeen.ShouldAllBe(v => v == final, "every stream got the state as it was when the changes stopped");
        foreach (var stream in streams)
        {
            await stream.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_logged_in_session_is_shown_by_its_login_and_the_first_characters_of_its_id_only()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var admin = await LegacyClient.LoggedInAsync(http, "admin", "secret");
        (await admin.PauseAsync(AgentsCouple)).EnsureSuccessStatusCode();

        await using var events = await EventStream.OpenAsync(http);
        var (_, snapshot, text) = await events.NextAsync();

        var session = snapshot["state"]!["sessions"]!.AsArray().ShouldHaveSingleItem()!;
        ((string)session["login"]!).ShouldBe("admin");
        ((string)session["session"]!).ShouldBe(admin.SessionId![..4] + "…");
        text.ShouldNotContain(admin.SessionId!, Case.Insensitive, "the page must never show a whole session id (SES-4)");
        text.ShouldNotContain("secret", Case.Sensitive, "nor a password");
    }

    [Fact]
    public async Task A_client_that_goes_away_is_no_longer_fed()
    {
        await using var simulator = await KestrelSimulator.StartAsync(Small());
        var http = simulator.Client;
        var feed = simulator.Services.GetRequiredService<Simulator.Http.DashboardEvents>();
        var gone = new TaskCompletionSource();
        await using (var events = await EventStream.OpenAsync(http))
        {
            _ = await events.NextAsync();
            feed.Clients.ShouldBe(1);
            feed.ClientLeft += (_, _) => gone.TrySetResult();
        }

        await gone.Task.WaitAsync(TestContext.Current.CancellationToken);

        feed.Clients.ShouldBe(0, "the stream ends when its client goes, and stops listening to the recorder");
    }

    [Theory]
    [InlineData(FakeTransport.TestHost)]
    [InlineData(FakeTransport.Inline)]
    public async Task In_process_a_client_that_disposes_its_stream_is_no_longer_fed(FakeTransport transport)
    {
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(Small()).WithTransport(transport).StartAsync(TestContext.Current.CancellationToken);
        var feed = recorder.Services.GetRequiredService<Simulator.Http.DashboardEvents>();
        var gone = new TaskCompletionSource();
        await using (var events = await EventStream.OpenAsync(recorder.CreateClient()))
        {
            _ = await events.NextAsync();
            feed.Clients.ShouldBe(1);
            feed.ClientLeft += (_, _) => gone.TrySetResult();
        }

        // Bounded, so a transport that never tells the app fails here rather than hanging the run.
        await Should.NotThrowAsync(() => gone.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), "the app never heard that the client left");

        feed.Clients.ShouldBe(0, "disposing the answer aborts the request, as a closed connection does");
    }

    /// <summary>
    /// GEN-3: past the most streams open at once the newest dashboard is served and the oldest stream ends (its page
    /// reconnects), so a program holding every place cannot lock the operator's page out; a closed stream gives its
    /// place back.
    /// </summary>
    [Fact]
    public async Task Past_the_most_streams_open_at_once_the_newest_is_served_and_the_oldest_ends()
    {
        // Arrange: every place taken
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(Small()).WithTransport(FakeTransport.Inline).StartAsync(TestContext.Current.CancellationToken);
        var feed = recorder.Services.GetRequiredService<Simulator.Http.DashboardEvents>();
        var open = new List<EventStream>();
        for (var i = 0; i < Simulator.Http.DashboardEvents.MaxStreams; i++)
        {
            open.Add(await EventStream.OpenAsync(recorder.CreateClient()));
            (await open[^1].NextAsync()).Type.ShouldBe("snapshot");
        }

        try
        {
            // Act: the oldest old enough to end (ten seconds in use)
            feed.MinAgeToEnd = TimeSpan.Zero;
            var gone = new TaskCompletionSource();
            feed.ClientLeft += (_, _) => gone.TrySetResult();
            await using var newest = await EventStream.OpenAsync(recorder.CreateClient());
            var first = await newest.NextAsync();
            await gone.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            var oldestEnded = await open[0].EndedAsync();
            await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret"); // a change every open stream is told of
            var second = await open[1].NextAsync();

            // Assert
            first.Type.ShouldBe("snapshot", "GEN-3: the newest dashboard is served");
            oldestEnded.ShouldBeTrue("the oldest stream ended for it");
            second.Type.ShouldBe("state", "only the oldest ended: the next is still told of changes");
            feed.Places.ShouldBe(Simulator.Http.DashboardEvents.MaxStreams);

            var closed = new TaskCompletionSource();
            feed.ClientLeft += (_, _) => closed.TrySetResult();
            await open[1].DisposeAsync();
            open.RemoveAt(1);
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            feed.Places.ShouldBe(Simulator.Http.DashboardEvents.MaxStreams - 1, "a closed stream gives its place back");
        }
        finally
        {
            foreach (var stream in open)
            {
                await stream.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// GEN-3: a stream younger than <c>MinAgeToEnd</c> does not end for a newer one: a program that reconnects each stream
    /// as soon as it ends cannot end the operator's page within a moment; the newest gets a stream that ends at once and
    /// tells its page (through the stream's retry field) to open it again after the least age.
    /// </summary>
    [Fact]
    public async Task Past_the_most_streams_a_newer_one_is_told_to_retry_while_every_open_stream_is_younger_than_the_least_age_to_end()
    {
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(Small()).WithTransport(FakeTransport.Inline).StartAsync(TestContext.Current.CancellationToken);
        var feed = recorder.Services.GetRequiredService<Simulator.Http.DashboardEvents>();
        feed.MinAgeToEnd = TimeSpan.FromHours(1);
        var open = new List<EventStream>();
        for (var i = 0; i < Simulator.Http.DashboardEvents.MaxStreams; i++)
        {
            open.Add(await EventStream.OpenAsync(recorder.CreateClient()));
            (await open[^1].NextAsync()).Type.ShouldBe("snapshot");
        }

        try
        {
            using var refused = await recorder.CreateClient().GetAsync("/simulator/events", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
            await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
            var oldest = await open[0].NextAsync();

            refused.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, "an EventSource gives up for good on an error status");
            var told = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            told.ShouldEndWith("retry: 3600000\n\n", Case.Sensitive, "the stream ends at once and asks to be opened again after the least age");
            told.ShouldStartWith("event: busy\ndata: all 64 dashboard streams are in use, each opened less than 3600 s ago", Case.Sensitive, "the page is told why");
            oldest.Type.ShouldBe("state", "the oldest stream, too young to end, is still served");
            feed.Places.ShouldBe(Simulator.Http.DashboardEvents.MaxStreams);
        }
        finally
        {
            foreach (var stream in open)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_stream_ends_cleanly_when_the_host_stops_rather_than_holding_the_stop_up_until_it_is_cut()
    {
        // Arrange: an open page's stream, read past its snapshot
        var simulator = await KestrelSimulator.StartAsync(Small());
        using var browser = new HttpClient { BaseAddress = simulator.Client.BaseAddress };
        using var response = await browser.GetAsync("/simulator/events", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        (await reader.ReadLineAsync(TestContext.Current.CancellationToken)).ShouldBe("event: snapshot");

        // Act: the host stops (Ctrl+C) while the page is open
        var stopped = simulator.DisposeAsync().AsTask();
        var rest = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
        await stopped.WaitAsync(TestContext.Current.CancellationToken);

        // Assert: the stream was ended by the simulator (a whole response), not cut by the host's shutdown timeout
        rest.ShouldNotBeNull("the read ended with the stream's end, not with a cut connection's exception");
    }

    /// <summary>
    /// GEN-3: a stream whose client never reads is stuck in writing an event, where the stream's own end cannot reach it;
    /// when the host stops, its connection is cut after a moment, so the stop is not held up for the host's whole
    /// shutdown timeout (here ten minutes, so only the cut can end it).
    /// </summary>
    [Fact]
    public async Task A_stream_whose_client_never_reads_is_cut_when_the_host_stops_rather_than_holding_the_stop_up()
    {
        // Arrange: a client that asks for the events and never reads them, through a small receive window
        var simulator = await KestrelSimulator.StartAsync(Small(), shutdownTimeout: TimeSpan.FromMinutes(10));
        using var stalled = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { ReceiveBufferSize = 1024 };
        await stalled.ConnectAsync(simulator.Client.BaseAddress!.Host, simulator.Client.BaseAddress.Port, TestContext.Current.CancellationToken);
        await stalled.SendAsync("GET /simulator/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"u8.ToArray(), TestContext.Current.CancellationToken);

        // Megabytes of events: every request is a log entry, and each entry an event to every stream
        var path = "/callrec/" + new string('x', 4000);
        for (var i = 0; i < 3000; i++)
        {
            (await simulator.Client.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        }

        // Act
        var stopped = simulator.DisposeAsync().AsTask();

        // Assert: the stop ends (a minute is far more than the cut needs, and far less than the shutdown timeout)
        await stopped.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData(FakeTransport.TestHost)]
    [InlineData(FakeTransport.Inline)]
    public async Task A_client_that_never_reads_its_events_holds_up_no_request(FakeTransport transport)
    {
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(Small()).WithTransport(transport).StartAsync(TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        using var stalled = await http.GetAsync("/simulator/events", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(http, "admin", "secret");

        // Enough changes to fill any buffer between the server and a client that does not read.
        for (var i = 0; i < 300; i++)
        {
            (await admin.PauseAsync(AgentsCouple)).EnsureSuccessStatusCode();
            (await admin.ResumeAsync(AgentsCouple)).EnsureSuccessStatusCode();
        }

        // The snapshot is the latest shared reading, which may be as old as the pace of readings allows; the next state
        // event shows the rest. The dashboard shows a couple's latest pauses only, so the version tells it has them all.
        var changed = recorder.Recorder.Version;
        await using var events = await EventStream.OpenAsync(http);
        var (_, snapshot, _) = await events.NextAsync();
        static bool CaughtUp(JsonNode state, long version) => (long)state["version"]! >= version;
        var state = CaughtUp(snapshot["state"]!, changed) ? snapshot["state"]! : await events.NextAsync("state", s => CaughtUp(s, changed)).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        recorder.Recorder.Find(AgentsCouple)!.History.Count.ShouldBe(300, "every pause happened while a client stalled");
        Couple(state, AgentsCouple)!["pauses"]!.AsArray().Count.ShouldBe(DashboardStateJson.MaxPausesShown, "the latest of them, as the dashboard shows them");
    }

    private static JsonNode? Couple(JsonNode state, long coupleId) =>
        state["couples"]!.AsArray().FirstOrDefault(c => (long)c!["coupleId"]! == coupleId);
}
