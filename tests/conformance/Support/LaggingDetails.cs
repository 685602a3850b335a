using System.Net;
using PauseResume.Simulator.Hosting;

namespace PauseResume.Conformance.Tests.Support;

/// <summary>
/// Recorders whose details show a pause or resume late (PSE-1 documents that it is taken, not how soon it shows): by a
/// number of reads, as a replica that catches up read by read would, or by time.
/// </summary>
internal static class LaggingDetails
{
    /// <summary>The couple a pause or resume (<c>Write</c>) or a details read names; null for any other request.</summary>
    private static (long Id, bool Write)? WriteOrDetails(HttpRequestMessage request)
    {
        var segments = request.RequestUri!.AbsolutePath.Split('/');
        return Rewriting.IsPausedState(request) && request.Method != HttpMethod.Get && long.TryParse(segments[^2], System.Globalization.CultureInfo.InvariantCulture, out var written) ? (written, true)
            : request.Method == HttpMethod.Get && segments[^2] == "couples.xml" && long.TryParse(segments[^1], System.Globalization.CultureInfo.InvariantCulture, out var read) ? (read, false)
            : null;
    }

    /// <summary>
    /// After each pause or resume taken, the next <paramref name="reads"/> details reads of that couple still show the
    /// state from before it, as a replica that catches up read by read would (no clock involved).
    /// </summary>
    public static Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler> Lagging(int reads)
    {
        var gate = new SemaphoreSlim(1, 1);
        var behind = new Dictionary<long, (bool Shown, int Left)>();
        return (recorder, inner) => new Rewriting(async (request, send) =>
        {
            if (WriteOrDetails(request) is not var (id, write))
            {
                return await send(request);
            }

            await gate.WaitAsync();
            try
            {
                var before = recorder.Recorder.Find(id)?.Paused;
                var response = await send(request);
                if (write)
                {
                    if (response.StatusCode == HttpStatusCode.NoContent && before is { } was)
                    {
                        behind[id] = behind.TryGetValue(id, out var lag) && lag.Left > 0 ? lag with { Left = reads } : (was, reads);
                    }

                    return response;
                }

                if (behind.TryGetValue(id, out var lagging) && lagging.Left > 0)
                {
                    behind[id] = lagging with { Left = lagging.Left - 1 };
                    return await Rewriting.WithXml(response, root => root.Elements("paused").Single().Value = lagging.Shown ? "true" : "false");
                }

                return response;
            }
            finally
            {
                gate.Release();
            }
        }) { InnerHandler = inner };
    }

    /// <summary>
    /// The details show each couple as it was <paramref name="lag"/> ago, as a replica that catches up by time would: a
    /// pause or resume taken shows that long after it was answered.
    /// </summary>
    public static Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler> LaggingBy(TimeSpan lag)
    {
        var gate = new SemaphoreSlim(1, 1);
        var changes = new Dictionary<long, List<(long At, bool Paused)>>();
        return (recorder, inner) => new Rewriting(async (request, send) =>
        {
            if (WriteOrDetails(request) is not var (id, write))
            {
                return await send(request);
            }

            await gate.WaitAsync();
            try
            {
                if (!changes.TryGetValue(id, out var seen))
                {
                    seen = changes[id] = recorder.Recorder.Find(id) is { } couple ? [(long.MinValue, couple.Paused)] : [];
                }

                var response = await send(request);
                if (write)
                {
                    if (response.StatusCode == HttpStatusCode.NoContent && recorder.Recorder.Find(id) is { } now)
                    {
                        seen.Add((Environment.TickCount64, now.Paused));
                    }

                    return response;
                }

                var then = Environment.TickCount64 - (long)lag.TotalMilliseconds;
                return seen.LastOrDefault(c => c.At <= then) is { } shown && seen.Count > 0
                    ? await Rewriting.WithXml(response, root => root.Elements("paused").Single().Value = shown.Paused ? "true" : "false")
                    : response;
            }
            finally
            {
                gate.Release();
            }
        }) { InnerHandler = inner };
    }
}
