using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Faults;
using PauseResume.Simulator.Tests.Http;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Hosting;

/// <summary>
/// <see cref="FakeTransport.Inline"/> against TestHost: the same recorder must answer every request the same way,
/// byte for byte, and a request must end, stream and fail as it does through TestHost.
/// </summary>
public sealed class InlineTransportTests
{
    private const int FuzzSeed = 7;
    private const int Requests = 1_500;

    [Fact]
    public async Task Generated_requests_get_the_same_status_headers_body_and_state_inline_as_through_TestHost()
    {
        // Arrange: twin recorders, the same world, session ids and clock; only the transport differs
        await using var testHost = await TwinAsync(FakeTransport.TestHost);
        await using var inline = await TwinAsync(FakeTransport.Inline);
        (testHost.Transport, inline.Transport).ShouldBe((FakeTransport.TestHost, FakeTransport.Inline));
        var (viaTestHost, viaInline) = (testHost.CreateClient(), inline.CreateClient());
        var fuzzer = new RequestFuzzer(FuzzSeed);
        var sessions = await FuzzTests.LogInAsync(viaTestHost);
        (await FuzzTests.LogInAsync(viaInline)).ShouldBe(sessions, "predictable session ids: the twins hand out the same");
        var differences = new List<string>();

        // Act: every request to both, in the same order
        for (var i = 0; i < Requests && differences.Count < 3; i++)
        {
            var request = fuzzer.Next();
            var expected = await AnswerAsync(viaTestHost, request, sessions);
            var actual = await AnswerAsync(viaInline, request, sessions);
            if (actual != expected)
            {
                differences.Add($"#{i} {request}\n    TestHost: {expected}\n    inline:   {actual}");
            }

            if (request.IsReset && expected.StartsWith('2'))
            {
                sessions = await FuzzTests.LogInAsync(viaTestHost); // a reset ends every session
                (await FuzzTests.LogInAsync(viaInline)).ShouldBe(sessions);
            }
        }

        // Assert
        differences.ShouldBeEmpty($"fuzz seed {FuzzSeed}: the inline transport must answer as TestHost does");
        StateProbe.Of(inline.Recorder).ShouldBe(StateProbe.Of(testHost.Recorder), "the same requests leave the same state");
    }

    [Theory]
    [InlineData(FakeTransport.TestHost)]
    [InlineData(FakeTransport.Inline)]
    public async Task A_request_held_by_a_latency_fault_can_be_given_up_by_its_caller(FakeTransport transport)
    {
        // Arrange: the manual clock never moves, so the answer would never come
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(Small()).WithTransport(transport)
            .WithFault(new Fault("slow", FaultKind.Latency) { Latency = TimeSpan.FromMinutes(1) })
            .StartAsync(TestContext.Current.CancellationToken);
        using var givingUp = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var heard = new TaskCompletionSource();
        recorder.Log.Logged += (_, _) =>
        {
            if (recorder.Log.Lines.Any(line => line.Contains("the client went away during the 60000 ms delay", StringComparison.Ordinal)))
            {
                heard.TrySetResult();
            }
        };
        var answer = recorder.CreateClient().GetAsync(LegacyClient.CouplesPath, givingUp.Token);
        await Task.Yield();
        answer.IsCompleted.ShouldBeFalse("the answer waits on the simulator's clock");

        // Act
        await givingUp.CancelAsync();

        // Assert
        // Bounded: a transport deaf to the caller's token fails here (a timeout is no cancellation) rather than hanging the run.
        await Should.ThrowAsync<OperationCanceledException>(() => answer.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        await Should.NotThrowAsync(() => heard.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), "the app hears that its caller went away (499), as over a closed connection");
    }

    private static Task<FakeRecorder> TwinAsync(FakeTransport transport) =>
        FakeRecorder.CreateBuilder().WithWorld(Small()).WithSessionIds(SessionIds.PredictableForTests(FuzzSeed)).WithTransport(transport)
            .StartAsync(TestContext.Current.CancellationToken);

    /// <summary>The whole answer as text: status, reason, every header in order, and the body's bytes; or the exception.</summary>
    private static async Task<string> AnswerAsync(HttpClient http, FuzzRequest request, IReadOnlyList<string> sessions)
    {
        try
        {
            using var message = request.ToMessage(sessions);
            using var response = await http.SendAsync(message, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            var headers = response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(", ", h.Value)}");
            return $"{(int)response.StatusCode} {response.ReasonPhrase} [{string.Join(" | ", headers)}] {Convert.ToBase64String(body)}";
        }
        catch (Exception e) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
