using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;

namespace PauseResume.Simulator.Tests.Support;

/// <summary>A client of the dashboard's Server-Sent Events, reading one event at a time, as a browser's EventSource would.</summary>
internal sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly IAsyncEnumerator<SseItem<string>> events;

    private EventStream(HttpResponseMessage response, Stream body)
    {
        this.response = response;
        events = SseParser.Create(body).EnumerateAsync(TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
    }

    public HttpResponseMessage Response => response;

    public static async Task<EventStream> OpenAsync(HttpClient http, string path = "/simulator/events")
    {
        var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return new EventStream(response, await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The next event: its type and its data as JSON.</summary>
    public async Task<(string Type, JsonNode Data, string Text)> NextAsync()
    {
        (await events.MoveNextAsync()).ShouldBeTrue("the event stream ended while an event was awaited");
        return (events.Current.EventType, JsonNode.Parse(events.Current.Data)!, events.Current.Data);
    }

    /// <summary>Events until one of <paramref name="type"/> satisfies <paramref name="wanted"/>; others are skipped.</summary>
    public async Task<JsonNode> NextAsync(string type, Func<JsonNode, bool> wanted)
    {
        while (true)
        {
            var (eventType, data, _) = await NextAsync();
            if (eventType == type && wanted(data))
            {
                return data;
            }
        }
    }

    private Task<bool>? pending; // a read EndedAsync left waiting

    /// <summary>
    /// Whether the server ended the stream within <paramref name="within"/> (30 s if not given): events sent before the
    /// end are read and skipped.
    /// </summary>
    public async Task<bool> EndedAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var next = pending ?? events.MoveNextAsync().AsTask();
            pending = null;
            var done = await Task.WhenAny(next, Task.Delay(Timeout.Infinite, timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default));
            if (done != next)
            {
                pending = next;
                return false;
            }

            if (!await next)
            {
                return true;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        response.Dispose(); // ends a read left waiting
        if (pending is { } read)
        {
            try
            {
                await read;
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or HttpRequestException or InvalidOperationException)
            {
                // the read ended with the answer
            }
        }

        await events.DisposeAsync();
    }
}
