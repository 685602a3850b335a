using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Targets;

/// <summary>The simulator's /simulator control API, as the kit uses it: JSON over HTTP, written by the kit itself.</summary>
internal sealed class SimulatorControl(HttpClient http)
{
    /// <summary>
    /// The profile the simulator runs under, posted with every world: on a standalone simulator the one it was
    /// found with (the kit does not change what it checks), in-process the one the kit checks against.
    /// </summary>
    public JsonObject? ServerProfile { get; set; }

    /// <summary>
    /// In-process, the couples' paused states read from the simulator itself, as the control API would list them: the
    /// check after every step reads them, and JSON through the test server there cost the kit a quarter of its time.
    /// </summary>
    public Func<IReadOnlyList<(long Id, bool Paused)>>? ReadPausedStates { get; init; }

    /// <summary>Resets the target to the scenario's world, under <see cref="ServerProfile"/>; returns the couples with the ids the target gave them.</summary>
    public async Task<IReadOnlyList<ModelCouple>> ResetAsync(WorldSpec world, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["seed"] = world.Seed,
            ["profile"] = ServerProfile?.DeepClone(),
            ["users"] = new JsonArray(world.Users.Select(u => (JsonNode)new JsonObject
            {
                ["login"] = u.Login,
                ["password"] = u.Password,
                ["permissions"] = new JsonArray(new[] { u.CallList ? "CallList" : null, u.PauseAndResume ? "PauseAndResumeCalls" : null }.OfType<string>().Select(p => (JsonNode)p).ToArray()),
                ["phoneMasks"] = new JsonArray(u.Masks.Select(m => (JsonNode)m).ToArray()),
            }).ToArray()),
            ["calls"] = new JsonArray(world.Calls.Select(c => (JsonNode)CallJson(c, c.CallId)).ToArray()),
        };
        using var response = await http.PostAsync("simulator/reset", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);
        await EnsureAsync(response, "reset the world", cancellationToken);

        // The reset starts the world's calls before anything else, so they hold its first couple ids; a couple that
        // running traffic started since is not the kit's, and may end whenever the traffic ends it.
        return [.. (await CouplesAsync(cancellationToken)).OrderBy(c => c.Id).Take(world.Calls.Length)];
    }

    /// <summary>Puts the simulator back on the world it was started with, once the kit is done with it.</summary>
    public async Task ResetToStartAsync(CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync("simulator/reset", null, cancellationToken);
        await EnsureAsync(response, "reset to its start world", cancellationToken);
    }

    public async Task<ModelCouple> StartCallAsync(CallSpec call, CancellationToken cancellationToken, long? callId = null)
    {
        using var response = await http.PostAsync("simulator/calls", new StringContent(CallJson(call, callId).ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);
        await EnsureAsync(response, "start a call", cancellationToken);
        return Couple(await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken));
    }

    /// <summary>Ends a couple in progress; false if it was not in progress (404), as one that ended on its own.</summary>
    public async Task<bool> EndCallAsync(long coupleId, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync($"simulator/calls/{coupleId}", cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureAsync(response, $"end couple {coupleId}", cancellationToken);
        return true;
    }

    /// <summary>Moves the simulator's manual clock on by <paramref name="by"/>.</summary>
    public async Task AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["seconds"] = by.TotalSeconds };
        using var response = await http.PostAsync("simulator/clock/advance", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);
        await EnsureAsync(response, $"advance its clock by {by}", cancellationToken);
    }

    /// <summary>Every couple the target knows, ended ones too, with its paused state as the target holds it.</summary>
    public async Task<IReadOnlyList<ModelCouple>> CouplesAsync(CancellationToken cancellationToken)
    {
        using var couples = await CallsAsync(cancellationToken);
        return couples.All.Select(Couple).ToList();
    }

    /// <summary>
    /// Every couple's id and paused state, in the target's order: what the invariant after each step compares with the
    /// model, without the rest of each couple.
    /// </summary>
    public async Task<IReadOnlyList<(long Id, bool Paused)>> PausedStatesAsync(CancellationToken cancellationToken)
    {
        if (ReadPausedStates is { } read)
        {
            return read();
        }

        using var couples = await CallsAsync(cancellationToken);
        var states = new List<(long, bool)>(couples.Count);
        foreach (var c in couples.All)
        {
            states.Add((c.GetProperty("coupleId").GetInt64(), c.GetProperty("paused").GetBoolean()));
        }

        return states;
    }

    /// <summary>
    /// The couples as the control API lists them, each page parsed from the answer's bytes in one go: a large world comes a
    /// page at a time, the next named by the answer's <c>Link: &lt;…&gt;; rel="next"</c> header.
    /// </summary>
    private async Task<CallsPages> CallsAsync(CancellationToken cancellationToken)
    {
        var pages = new CallsPages();
        try
        {
            for (string? next = "simulator/calls?ended=true"; next is not null;)
            {
                using var response = await http.GetAsync(next, cancellationToken);
                response.EnsureSuccessStatusCode();
                pages.Add(JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken)));
                next = response.Headers.TryGetValues("Link", out var links) ? links.Select(NextOf).FirstOrDefault(l => l is not null) : null;
            }

            return pages;
        }
        catch
        {
            pages.Dispose();
            throw;
        }
    }

    /// <summary>The target of a <c>Link</c> value with <c>rel="next"</c> (a path from the server's root, as the simulator writes it); null for any other.</summary>
    private static string? NextOf(string link) =>
        link.Split(';') is [var target, .. var parameters] && parameters.Any(p => p.Trim() is "rel=\"next\"" or "rel=next")
        && target.Trim() is ['<', .. var uri, '>'] ? uri : null;

    /// <summary>The pages of <c>GET /simulator/calls</c>, read as one list.</summary>
    private sealed class CallsPages : IDisposable
    {
        private readonly List<JsonDocument> pages = [];

        public int Count => pages.Sum(p => p.RootElement.GetArrayLength());

        public IEnumerable<JsonElement> All => pages.SelectMany(p => p.RootElement.EnumerateArray());

        public void Add(JsonDocument page) => pages.Add(page);

        public void Dispose()
        {
            foreach (var page in pages)
            {
                page.Dispose();
            }
        }
    }

    /// <summary>
    /// Each couple's pause history as the simulator recorded it: who paused it and who resumed it, in order. A couple whose
    /// earliest intervals the simulator has forgotten (it keeps the latest ones) is left out: its history is not whole.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, Concurrency.RecordedTransitions>> PauseHistoriesAsync(CancellationToken cancellationToken)
    {
        using var couples = await CallsAsync(cancellationToken);
        return couples.All.Where(c => !(c.TryGetProperty("pauseHistoryForgotten", out var forgotten) && forgotten.GetInt64() > 0)).ToDictionary(
            c => c.GetProperty("coupleId").GetInt64(),
            c => Concurrency.RecordedTransitions.FromIntervals(c.GetProperty("pauseHistory").EnumerateArray().Select(i => (
                i.GetProperty("pausedBy").GetString()!,
                i.TryGetProperty("resumedBy", out var by) && by.ValueKind == JsonValueKind.String ? by.GetString() : null))));
    }

    /// <summary>
    /// The kind of each fault switched on, by name (<c>GET /simulator/faults</c>); empty when the list cannot be read, so
    /// that every fault named in an answer then counts as one that may have changed it.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> FaultKindsAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("simulator/faults", cancellationToken);
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return new Dictionary<string, string>();
        }

        var faults = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return faults.ValueKind != JsonValueKind.Array ? new Dictionary<string, string>()
            : faults.EnumerateArray()
                .Where(f => f.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && f.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String)
                .DistinctBy(f => f.GetProperty("name").GetString())
                .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("kind").GetString()!, StringComparer.Ordinal);
    }

    /// <summary>The curl lines that set the same world up again, for the reproduction script.</summary>
    public string SetupScript(WorldSpec world) =>
        $"curl -s -X POST \"$T/simulator/reset\" -H 'Content-Type: application/json' --data-raw '{WorldJson(world)}' > /dev/null";

    private string WorldJson(WorldSpec world) =>
        JsonSerializer.Serialize(new
        {
            seed = world.Seed,
            profile = ServerProfile,
            users = world.Users.Select(u => new
            {
                login = u.Login,
                password = u.Password,
                permissions = new[] { u.CallList ? "CallList" : null, u.PauseAndResume ? "PauseAndResumeCalls" : null }.OfType<string>(),
                phoneMasks = u.Masks,
            }),
            calls = world.Calls.Select(c => CallJson(c, c.CallId)),
        });

    /// <summary>A call to start; with <paramref name="callId"/>, a couple that joins that call (a transfer or conference leg).</summary>
    public static JsonObject CallJson(CallSpec call, long? callId = null)
    {
        var json = new JsonObject
        {
            ["callingNumber"] = call.CallingNumber,
            ["calledNumber"] = call.CalledNumber,
            ["callingIp"] = call.CallingIp,
            ["calledIp"] = call.CalledIp,
        };
        if (callId is { } id)
        {
            json["callId"] = id;
        }

        return json;
    }

    private static ModelCouple Couple(JsonElement c) => new(
        c.GetProperty("coupleId").GetInt64(), c.GetProperty("callId").GetInt64(), c.GetProperty("callingNumber").GetString()!,
        c.GetProperty("calledNumber").GetString()!, c.TryGetProperty("callingIp", out var a) ? a.GetString() : null,
        c.TryGetProperty("calledIp", out var b) ? b.GetString() : null, c.GetProperty("paused").GetBoolean(), !c.GetProperty("inProgress").GetBoolean())
    {
        Direction = c.TryGetProperty("direction", out var d) ? d.GetString() : null,
        Start = c.TryGetProperty("start", out var s) && s.TryGetDateTimeOffset(out var start) ? start : null,
    };

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new TargetException($"the target's control API could not {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
