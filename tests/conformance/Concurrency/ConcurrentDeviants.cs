using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Hosting;
using static PauseResume.Conformance.Tests.Support.Rewriting;

namespace PauseResume.Conformance.Tests.Concurrency;

/// <summary>
/// Recorders that keep every rule when asked one request at a time and break under concurrent sessions, each in the
/// way a real server's bug would: the simulator behind a handler that changes how pauses and reads are applied.
/// </summary>
internal static partial class ConcurrentDeviants
{
    /// <summary>Pauses by reading the state, deciding, then toggling: two pauses that race both toggle.</summary>
    public static Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler> LostUpdate => (recorder, inner) => new Rewriting(async (request, send) =>
    {
        if (!IsPausedState(request) || await Wanted(request) is not { } wanted)
        {
            return await send(request);
        }

        var id = CoupleOf(request);
        var before = recorder.Recorder.Find(id)!.Paused;
        await Task.Delay(1); // the time between reading the state and writing it, which a racing request falls into
        if (before == wanted)
        {
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }

        return await send(Asking(request, $"paused={(!recorder.Recorder.Find(id)!.Paused ? "true" : "false")}"));
    }) { InnerHandler = inner };

    /// <summary>
    /// Not a deviant: a recorder that pauses and resumes the whole call (PSE-1: "of that call"). Its couples are listed in
    /// pairs sharing a call (the first two, the next two, ...), and a pause or resume taken on one is applied to the
    /// other of its pair too, before it is answered, the two at once as one state of the call (one at a time): a read of
    /// the details waits while a pause is applied to the pair, so no read sees one couple changed and the other not yet,
    /// which a busy machine let happen between the two steps.
    /// </summary>
    public static Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler> PausesByCall
    {
        get
        {
            var oneAtATime = new SemaphoreSlim(1, 1);
            return (recorder, inner) => new Rewriting(async (request, send) =>
    {
        var ids = recorder.Recorder.Couples().Select(c => c.Couple.Id).Order().ToList();
        if (IsList(request))
        {
            return await InPairs(recorder, await send(request));
        }

        if (request.Method == HttpMethod.Get && !IsPausedState(request))
        {
            await oneAtATime.WaitAsync();
            try
            {
                return await send(request);
            }
            finally
            {
                oneAtATime.Release();
            }
        }

        if (!IsPausedState(request) || await Wanted(request) is null)
        {
            return await send(request);
        }

        var form = await FormOf(request);
        var id = CoupleOf(request);
        await oneAtATime.WaitAsync();
        try
        {
            var answer = await send(request);
            if (answer.IsSuccessStatusCode && (ids.IndexOf(id) ^ 1) is var other && other >= 0 && other < ids.Count)
            {
                using var also = new HttpRequestMessage(request.Method, request.RequestUri!.AbsoluteUri.Replace($"/{id}/pausedState", $"/{ids[other]}/pausedState", StringComparison.Ordinal));
                also.Headers.TryAddWithoutValidation("Cookie", request.Headers.TryGetValues("Cookie", out var cookies) ? cookies : []);
                (await send(WithForm(also, form))).EnsureSuccessStatusCode();
            }

            return answer;
        }
        finally
        {
            oneAtATime.Release();
        }
    }) { InnerHandler = inner };
        }
    }

    /// <summary>
    /// Not a deviant: a recorder that pauses and resumes the whole call as <see cref="PausesByCall"/> does, one couple after
    /// the other (the couple named, then a moment later the other of its pair), with nothing held between them: a read may
    /// see one couple changed and the other not yet, and two agents' pauses of the call may reach its couples in opposite
    /// orders. Each couple still takes each pause within its request (PSE-1 says "of that call", not "at once").
    /// </summary>
    public static Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler> PausesByCallOneLegAfterTheOther => PausesByCallFrom(_ => true);

    /// <summary>
    /// A deviant under pauseScope=call: as <see cref="PausesByCallOneLegAfterTheOther"/>, but a pause or resume of the first
    /// couple of each pair never reaches the second, while one of the second reaches the first: the second's call-mate
    /// ends in another state than a whole-call pause left it in.
    /// </summary>
    public static Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler> PausesByCallFromOneLegOnly => PausesByCallFrom(index => index % 2 == 1);

    /// <summary>The named couple, then the other of its pair where <paramref name="reaches"/> says so of the named one's index.</summary>
    private static Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler> PausesByCallFrom(Func<int, bool> reaches) => (recorder, inner) => new Rewriting(async (request, send) =>
    {
        var ids = recorder.Recorder.Couples().Select(c => c.Couple.Id).Order().ToList();
        if (IsList(request))
        {
            return await InPairs(recorder, await send(request));
        }

        if (!IsPausedState(request) || await Wanted(request) is null)
        {
            return await send(request);
        }

        var form = await FormOf(request);
        var id = CoupleOf(request);
        var answer = await send(request);
        if (answer.IsSuccessStatusCode && reaches(ids.IndexOf(id)) && (ids.IndexOf(id) ^ 1) is var other && other >= 0 && other < ids.Count)
        {
            await Task.Delay(2);
            using var also = new HttpRequestMessage(request.Method, request.RequestUri!.AbsoluteUri.Replace($"/{id}/pausedState", $"/{ids[other]}/pausedState", StringComparison.Ordinal));
            also.Headers.TryAddWithoutValidation("Cookie", request.Headers.TryGetValues("Cookie", out var cookies) ? cookies : []);
            (await send(WithForm(also, form))).EnsureSuccessStatusCode();
        }

        return answer;
    }) { InnerHandler = inner };

    /// <summary>
    /// Not a deviant either: its couples are listed in pairs sharing a call as <see cref="PausesByCall"/>'s are, and a pause
    /// or resume reaches the couple it names alone (pauseScope=couple).
    /// </summary>
    public static Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler> ListsCouplesInPairs =>
        (recorder, inner) => new Rewriting(async (request, send) => IsList(request) ? await InPairs(recorder, await send(request)) : await send(request)) { InnerHandler = inner };

    /// <summary>The list with its couples in pairs sharing a call: the first two, the next two, ...</summary>
    private static Task<HttpResponseMessage> InPairs(FakeRecorder recorder, HttpResponseMessage list)
    {
        var ids = recorder.Recorder.Couples().Select(c => c.Couple.Id).Order().ToList();
        return WithXml(list, root =>
        {
            foreach (var item in root.Elements("couples"))
            {
                item.SetAttributeValue("callId", 900_000 + (ids.IndexOf((long)item.Attribute("id")!) / 2));
            }
        });
    }

    /// <summary>Serves a couple's details from a cache that is refreshed every fourth read.</summary>
    public static Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler> StaleReads
    {
        get
        {
            var cache = new ConcurrentDictionary<string, (string Body, int Served)>();
            return (_, inner) => new Rewriting(async (request, send) =>
            {
                if (request.Method != HttpMethod.Get || !DetailsPath().IsMatch(request.RequestUri!.AbsolutePath))
                {
                    return await send(request);
                }

                var key = request.RequestUri.AbsolutePath;
                if (cache.TryGetValue(key, out var cached) && cached.Served < 3)
                {
                    cache[key] = cached with { Served = cached.Served + 1 };
                    return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(cached.Body, System.Text.Encoding.UTF8, "application/xml") };
                }

                var response = await send(request);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    cache[key] = (await response.Content.ReadAsStringAsync(), 0);
                }

                return response;
            }) { InnerHandler = inner };
        }
    }

    /// <summary>
    /// Not a deviant: <see cref="PausesByCall"/>'s recorder with details served from a cache whose entries live
    /// <paramref name="lag"/> from the read that filled them (a recorder that reads its calls from a database through a
    /// cache): a pause clears the entry of the couple it names, not that of its call-mate, which it reaches too. Details
    /// show a pause late, never lose it.
    /// </summary>
    public static Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler> PausesByCallWithCachedDetails(TimeSpan lag)
    {
        var byCall = PausesByCall;
        var cache = new ConcurrentDictionary<string, (string Body, DateTimeOffset Filled)>();
        return (recorder, inner) => new Rewriting(async (request, send) =>
        {
            if (IsPausedState(request))
            {
                cache.TryRemove(request.RequestUri!.AbsolutePath[..^"/pausedState".Length], out _);
            }

            if (request.Method != HttpMethod.Get || !DetailsPath().IsMatch(request.RequestUri!.AbsolutePath))
            {
                return await send(request);
            }

            var key = request.RequestUri.AbsolutePath;
            if (cache.TryGetValue(key, out var cached) && TimeProvider.System.GetUtcNow() - cached.Filled < lag)
            {
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(cached.Body, System.Text.Encoding.UTF8, "application/xml"), RequestMessage = request };
            }

            var response = await send(request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                cache[key] = (await response.Content.ReadAsStringAsync(), TimeProvider.System.GetUtcNow());
            }

            return response;
        }) { InnerHandler = byCall(recorder, inner) };
    }

    /// <summary>Under load (four requests or more in flight), applies a pause to the couple next to the one asked for.</summary>
    public static Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler> WrongCoupleUnderLoad
    {
        get
        {
            var inFlight = 0;
            return (recorder, inner) => new Rewriting(async (request, send) =>
            {
                Interlocked.Increment(ref inFlight);
                try
                {
                    // Each request is held a moment, as a busy server holds it, so that requests overlap on any machine:
                    // answered at once, eight agents on two busy cores did not always have four in flight.
                    await Task.Delay(1);
                    if (Volatile.Read(ref inFlight) >= 4 && IsPausedState(request) && await Wanted(request) == true
                        && recorder.Recorder.Couples().Select(c => c.Couple.Id).Where(id => id != CoupleOf(request)).Order().FirstOrDefault(id => id > CoupleOf(request)) is var other and > 0)
                    {
                        request.RequestUri = new Uri(request.RequestUri!.AbsoluteUri.Replace($"/{CoupleOf(request)}/pausedState", $"/{other}/pausedState", StringComparison.Ordinal));
                    }

                    return await send(request);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }) { InnerHandler = inner };
        }
    }

    /// <summary>Answers a pause or resume at once but applies it only after the next one on the same couple.</summary>
    public static Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler> OutOfOrder
    {
        get
        {
            var pending = new Dictionary<long, string>();
            var gate = new SemaphoreSlim(1, 1);
            return (_, inner) => new Rewriting(async (request, send) =>
            {
                if (!IsPausedState(request) || await Wanted(request) is not { } wanted)
                {
                    return await send(request);
                }

                var id = CoupleOf(request);
                await gate.WaitAsync();
                try
                {
                    if (!pending.Remove(id, out var earlier))
                    {
                        pending[id] = $"paused={(wanted ? "true" : "false")}";
                        return new HttpResponseMessage(HttpStatusCode.NoContent);
                    }

                    var response = await send(request);
                    using var late = new HttpRequestMessage(HttpMethod.Post, request.RequestUri);
                    foreach (var cookie in request.Headers.GetValues("Cookie"))
                    {
                        late.Headers.TryAddWithoutValidation("Cookie", cookie);
                    }

                    (await send(Asking(late, earlier))).Dispose();
                    return response;
                }
                finally
                {
                    gate.Release();
                }
            }) { InnerHandler = inner };
        }
    }

    /// <summary>Cuts some answers: the request reaches the simulator (or not), but the agent never hears back.</summary>
    public static Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler> CutAnswers(int seed)
    {
        var random = new Random(seed);
        var gate = new Lock();
        return (_, inner) => new Rewriting(async (request, send) =>
        {
            double roll;
            lock (gate)
            {
                roll = random.NextDouble();
            }

            if (roll < 0.03)
            {
                throw new HttpRequestException("the connection dropped before the request was sent");
            }

            var response = await send(request);
            if (roll < 0.10)
            {
                response.Dispose();
                throw new HttpRequestException("the connection dropped before the answer came");
            }

            return response;
        }) { InnerHandler = inner };
    }

    /// <summary>The request made to ask for <paramref name="form"/> alone (an agent sends its value in the query too).</summary>
    private static HttpRequestMessage Asking(HttpRequestMessage request, string form) => WithForm(WithQuery(request, _ => string.Empty), form);

    private static async Task<bool?> Wanted(HttpRequestMessage request) =>
        (await FormOf(request)) switch
        {
            "paused=true" => true,
            "paused=false" => false,
            _ => null,
        };

    private static long CoupleOf(HttpRequestMessage request) => long.Parse(request.RequestUri!.Segments[^2].TrimEnd('/'), System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/couples\.xml/\d+$")]
    private static partial Regex DetailsPath();
}
