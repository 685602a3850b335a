using System.Net;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Wire;

/// <summary>
/// A request that met a 503 or a 429 (a fault: no rule is judged by it) is sent again; a recorder behind a rate limit asks
/// with <c>Retry-After</c> how long to wait first. Sent again at once, the request met the same refusal each time and the
/// run ended (exit 5) against an independent recorder whose limit allowed the next request a second later.
/// </summary>
public sealed class RetryAfterTests
{
    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "1", 1)]
    [InlineData(HttpStatusCode.TooManyRequests, "2", 2)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "3600", 10)]
    public async Task A_request_refused_with_Retry_After_is_sent_again_after_that_wait(HttpStatusCode refusal, string retryAfter, int waitedSeconds)
    {
        // Arrange: a server that refuses the first request with Retry-After, then answers
        var time = new SteppedClock();
        var sent = 0;
        using var http = new HttpClient(new Answering(() => Interlocked.Increment(ref sent) == 1
            ? new HttpResponseMessage(refusal) { Headers = { { "Retry-After", retryAfter } } }
            : new HttpResponseMessage(HttpStatusCode.Forbidden))) { BaseAddress = new Uri("http://recorder.test/") };
        var wire = new PauseResume.Conformance.Wire.Wire(http, TimeSpan.Zero, time) { Attempts = 3 };

        // Act
        var answer = wire.SendAsync(0, HttpMethod.Get, "callrec/restful/couples.xml", cancellationToken: TestContext.Current.CancellationToken);
        var waiting = time.Waits.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask();
        (await Task.WhenAny(answer, waiting)).ShouldBe(waiting, "the request was sent again without a wait");
        var wait = await waiting;
        var sentBeforeTheWait = Volatile.Read(ref sent);
        time.Advance(wait);

        // Assert
        wait.ShouldBe(TimeSpan.FromSeconds(waitedSeconds), "Retry-After, at most ten seconds");
        sentBeforeTheWait.ShouldBe(1, "nothing is sent again before the wait");
        (await answer).Status.ShouldBe(403);
        sent.ShouldBe(2);
    }

    private sealed class Answering(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = answer();
            response.RequestMessage = request;
            response.Content ??= new StringContent(string.Empty);
            return Task.FromResult(response);
        }
    }
}
