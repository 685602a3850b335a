using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Json;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>
/// GEN-3 under generated input: requests to the legacy API, the control API and world files (as reset bodies), from
/// one seed printed on failure. <c>PAUSERESUME_FUZZ_REQUESTS=1000000</c> runs a longer campaign;
/// <c>PAUSERESUME_FUZZ_SEED=n</c> replays one.
/// </summary>
public sealed class FuzzTests
{
    public const string CountVariable = "PAUSERESUME_FUZZ_REQUESTS";
    public const string SeedVariable = "PAUSERESUME_FUZZ_SEED";

    /// <summary>CI runs one fixed seed, so a run is reproducible; other seeds are one environment variable away.</summary>
    public const int DefaultSeed = 1;
    private const int DefaultCount = 10_000;

    // Fresh state now and then keeps the state probe (which reads every couple) cheap and the worlds varied.
    private const int RequestsPerWorld = 250;

    // No 409: the generated calls cannot use up the call ids (a given id far ahead is skipped, not moved to), and nothing
    // else they send is refused as a conflict.
    private static readonly int[] ExpectedStatuses = [200, 201, 204, 400, 403, 404, 405, 413];

    [Fact]
    public async Task GEN_3_Ten_thousand_generated_requests_get_no_5xx_no_dropped_connection_and_refusals_change_nothing()
    {
        var (seed, count) = (Seed(), Count());
        var fuzzer = new RequestFuzzer(seed);
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        IReadOnlyList<string> sessions = [];
        var failures = new List<string>();
        var statuses = new SortedSet<int>();

        for (var i = 0; i < count && failures.Count < 5; i++)
        {
            if (i % RequestsPerWorld == 0)
            {
                recorder.Recorder.Reset(TestWorlds.Small());
                sessions = await LogInAsync(http);
            }

            if (i % 50 == 0)
            {
                recorder.Advance(TimeSpan.FromMinutes(1)); // let short idle timeouts set by the fuzzer bite
            }

            var request = fuzzer.Next();
            var before = StateProbe.Of(recorder.Recorder);
            var outcome = await SendAsync(http, request, sessions);
            statuses.Add(outcome.Status ?? 0);
            var failure = outcome.Status switch
            {
                null => $"the request got no answer: {outcome.Error}",
                >= 500 => $"{outcome.Status}: {outcome.Error}",
                >= 400 when StateProbe.Of(recorder.Recorder) != before => $"{outcome.Status} yet the state changed",
                _ => null,
            };
            if (failure is not null)
            {
                failures.Add($"#{i} {request}\n    → {failure}");
            }

            if (request.IsReset && outcome.Status is >= 200 and < 300)
            {
                sessions = await LogInAsync(http); // a reset ends every session
            }
        }

        failures.ShouldBeEmpty($"GEN-3: fuzz seed {seed} ({count} requests); replay with {SeedVariable}={seed}");
        if (count >= DefaultCount)
        {
            // The generator reaches past the checks too: successes and every kind of refusal, not only garbage.
            ExpectedStatuses.Except(statuses).ShouldBeEmpty($"fuzz seed {seed}: statuses seen {string.Join(", ", statuses)}");
        }
    }

    [Fact]
    public void GEN_3_Generated_world_files_are_read_or_refused_with_a_message_and_a_read_one_starts_a_recorder()
    {
        var (seed, count) = (Seed(), Count() / 5);
        var fuzzer = new RequestFuzzer(seed);
        var failures = new List<string>();

        for (var i = 0; i < count && failures.Count < 5; i++)
        {
            var text = fuzzer.WorldText();
            try
            {
                var world = WorldJson.Read(text, "fuzz.json");
                if ((world.Value is null) == (world.Error is null))
                {
                    failures.Add($"#{i} {text}\n    → neither a world nor an error, or both");
                }
                else if (world.Value is not null)
                {
                    _ = new Recorder(world.Value, TimeProvider.System);
                }
            }
            catch (Exception e)
            {
                failures.Add($"#{i} {text}\n    → {e.GetType().Name}: {e.Message}");
            }
        }

        failures.ShouldBeEmpty($"GEN-3: fuzz seed {seed} ({count} world files); replay with {SeedVariable}={seed}");
    }

    private static async Task<(int? Status, string? Error)> SendAsync(HttpClient http, FuzzRequest request, IReadOnlyList<string> sessions)
    {
        try
        {
            using var message = request.ToMessage(sessions);
            using var response = await http.SendAsync(message, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            return ((int)response.StatusCode, body.Length > 300 ? body[..300] : body);
        }
        catch (Exception e) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            // On TestHost an exception the app lets escape reaches the client: the equivalent of a dropped connection.
            return (null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    internal static async Task<IReadOnlyList<string>> LogInAsync(HttpClient http)
    {
        var sessions = new List<string>();
        foreach (var (login, password) in new[] { ("admin", "secret"), ("agent", "agent-pw"), ("monitor", "monitor-pw"), ("guest", "guest-pw") })
        {
            var client = await LegacyClient.LoggedInAsync(http, login, password);
            sessions.Add(client.SessionId!);
        }

        return sessions;
    }

    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var seed) ? seed : DefaultSeed;

    private static int Count() =>
        int.TryParse(Environment.GetEnvironmentVariable(CountVariable), out var count) && count > 0 ? count : DefaultCount;
}
