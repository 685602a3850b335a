using System.IO.Pipelines;
using Microsoft.Extensions.Time.Testing;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PauseResume.Simulator.Http;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>
/// GEN-3: nothing a client sends may make the server fail. Clients that each sent most of a body of 1 MB and then
/// stopped held that much of the server's memory each, unanswered, for as long as they kept the connection (1,500 of them
/// took the simulator from 1 GB to 3.4 GB). Bodies past their first bytes now share a budget, and a body must arrive
/// whole in time.
/// </summary>
public sealed class RequestBodiesTests
{
    [Fact]
    public async Task GEN_3_A_body_past_its_free_bytes_waits_while_other_bodies_hold_the_budget_and_reads_once_they_end()
    {
        // Arrange: a budget of one chunk
        var cancel = TestContext.Current.CancellationToken;
        var bodies = new RequestBodies(bytesInFlight: RequestBodies.Chunk, readTimeout: TimeSpan.FromMinutes(5));
        var first = bodies.Guard(new MemoryStream(new byte[64 * 1024]));
        await using var second = bodies.Guard(new MemoryStream(new byte[64 * 1024]));
        var buffer = new byte[64 * 1024];
        (await first.ReadAsync(buffer, cancel)).ShouldBe(RequestBodies.FreeBytes, "a body's first bytes are read at once");
        (await first.ReadAsync(buffer, cancel)).ShouldBe(RequestBodies.Chunk, "then a chunk of the budget");
        (await second.ReadAsync(buffer, cancel)).ShouldBe(RequestBodies.FreeBytes, "another body's first bytes need no budget");

        // Act
        var waiting = second.ReadAsync(buffer, cancel).AsTask();

        // Assert
        waiting.IsCompleted.ShouldBeFalse("GEN-3: the first body holds the whole budget");
        bodies.FreeChunks.ShouldBe(0);
        await first.DisposeAsync(); // its request ended
        (await waiting.WaitAsync(TimeSpan.FromSeconds(30), cancel)).ShouldBe(RequestBodies.Chunk, "the chunk given back is the waiting body's");
    }

    [Fact]
    public async Task GEN_3_A_body_takes_the_chunks_its_length_needs_past_its_free_bytes_at_once_and_gives_them_back()
    {
        // Arrange: a budget of eight chunks; a body of its free bytes and three chunks, read in small pieces
        var cancel = TestContext.Current.CancellationToken;
        var bodies = new RequestBodies(bytesInFlight: 8 * RequestBodies.Chunk, readTimeout: TimeSpan.FromMinutes(5));
        const int Length = RequestBodies.FreeBytes + (3 * RequestBodies.Chunk);
        var body = bodies.Guard(new MemoryStream(new byte[Length]), Length);
        var read = await body.ReadAsync(new byte[1000], cancel);

        // Act
        read += await body.ReadAsync(new byte[64 * 1024], cancel);
        var free = read;
        var beforeChunks = bodies.FreeChunks;
        var piece = new byte[RequestBodies.Chunk];
        read += await body.ReadAsync(piece, cancel);
        var afterFirstChunk = bodies.FreeChunks;
        while (read < Length)
        {
            read += await body.ReadAsync(piece, cancel);
        }

        // Assert
        free.ShouldBe(RequestBodies.FreeBytes, "a read that would go past the free bytes stops at them");
        beforeChunks.ShouldBe(8, "nothing taken until the free bytes are read");
        afterFirstChunk.ShouldBe(5, "GEN-3: the three chunks the rest needs, taken at its first read");
        bodies.FreeChunks.ShouldBe(5, "and no more for the reads after it");
        (await body.ReadAsync(piece, cancel)).ShouldBe(0);
        bodies.FreeChunks.ShouldBe(5, "nor for the read that finds its end");
        await body.DisposeAsync(); // the request ended
        bodies.FreeChunks.ShouldBe(8);
    }

    /// <summary>
    /// Bodies that took a chunk at a time each held some while waiting for more: two that each needed two chunks of a
    /// budget of two held one each, and both were refused as too slow when their time was up. A body takes all it needs
    /// at once, so the second waits for the first to end and then reads.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GEN_3_Large_bodies_at_once_take_their_turn_instead_of_all_waiting_for_each_other(bool lengthKnown)
    {
        // Arrange: a budget of two chunks; two bodies of their free bytes and two chunks, wholly arrived
        var cancel = TestContext.Current.CancellationToken;
        var bodies = new RequestBodies(bytesInFlight: 2 * RequestBodies.Chunk, readTimeout: TimeSpan.FromSeconds(20));
        const int Length = RequestBodies.FreeBytes + (2 * RequestBodies.Chunk);
        var first = bodies.Guard(new MemoryStream(new byte[Length]), lengthKnown ? Length : null);
        await using var second = bodies.Guard(new MemoryStream(new byte[Length]), lengthKnown ? Length : null);
        var buffer = new byte[RequestBodies.Chunk];
        (await first.ReadAsync(new byte[RequestBodies.FreeBytes], cancel)).ShouldBe(RequestBodies.FreeBytes);
        (await second.ReadAsync(new byte[RequestBodies.FreeBytes], cancel)).ShouldBe(RequestBodies.FreeBytes);

        // Act: both read past their free bytes, the first first
        (await first.ReadAsync(buffer, cancel)).ShouldBe(RequestBodies.Chunk);
        var waiting = second.ReadAsync(buffer, cancel).AsTask();
        (await first.ReadAsync(buffer, cancel)).ShouldBe(RequestBodies.Chunk, "GEN-3: the first body holds all it needs; it never waits on the second");
        (await first.ReadAsync(buffer, cancel)).ShouldBe(0);
        waiting.IsCompleted.ShouldBeFalse("the second waits for the chunks the first holds");
        await first.DisposeAsync(); // its request ended

        // Assert
        (await waiting.WaitAsync(TimeSpan.FromSeconds(30), cancel)).ShouldBe(RequestBodies.Chunk);
        (await second.ReadAsync(buffer, cancel)).ShouldBe(RequestBodies.Chunk);
    }

    /// <summary>
    /// A body longer than all it took (the largest a body may be, on a host that sets no limit of its own; or here, the
    /// whole budget) took one more chunk while it held the rest: two such bodies held the budget between them until both
    /// were refused as kept waiting, and one alone waited for itself. It is refused at once as too long, and gives back
    /// what it took.
    /// </summary>
    [Fact]
    public async Task GEN_3_A_body_longer_than_all_it_took_is_refused_at_once_as_too_long()
    {
        // Arrange: a budget of two chunks; a body of unknown length, its free bytes and three chunks
        var cancel = TestContext.Current.CancellationToken;
        var bodies = new RequestBodies(bytesInFlight: 2 * RequestBodies.Chunk, readTimeout: TimeSpan.FromMinutes(5));
        var body = bodies.Guard(new MemoryStream(new byte[RequestBodies.FreeBytes + (3 * RequestBodies.Chunk)]));
        var buffer = new byte[RequestBodies.Chunk];
        (await body.ReadAsync(new byte[RequestBodies.FreeBytes], cancel)).ShouldBe(RequestBodies.FreeBytes);
        (await body.ReadAsync(buffer, cancel)).ShouldBe(RequestBodies.Chunk);
        (await body.ReadAsync(buffer, cancel)).ShouldBe(RequestBodies.Chunk);

        // Act
        var past = body.ReadAsync(buffer, cancel).AsTask();

        // Assert
        var refused = await Should.ThrowAsync<RequestBodies.BodyTooLongException>(past.WaitAsync(TimeSpan.FromSeconds(30), cancel));
        refused.StatusCode.ShouldBe(StatusCodes.Status413PayloadTooLarge);
        refused.Bytes.ShouldBe(RequestBodies.FreeBytes + (2 * RequestBodies.Chunk));
        await body.DisposeAsync();
        bodies.FreeChunks.ShouldBe(2, "what it took goes back");
    }

    /// <summary>
    /// Bytes the server's pipe holds already are read at once only up to the body's free bytes: past them a read takes
    /// its chunks of the budget as any other, however much the pipe holds.
    /// </summary>
    [Fact]
    public async Task GEN_3_Bytes_the_pipe_holds_past_the_free_bytes_take_from_the_budget()
    {
        // Arrange: 64 KB already in the pipe
        var cancel = TestContext.Current.CancellationToken;
        var bodies = new RequestBodies(readTimeout: TimeSpan.FromMinutes(5));
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0)); // the writer does not wait for the reader
        await pipe.Writer.WriteAsync(new byte[64 * 1024], cancel);
        await pipe.Writer.CompleteAsync();
        await using var body = bodies.Guard(pipe.Reader.AsStream(), 64 * 1024, pipe: pipe.Reader);
        var all = bodies.FreeChunks;

        // Act
        var first = await body.ReadAsync(new byte[64 * 1024], cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(30), cancel);
        var freeAfterFirst = bodies.FreeChunks;
        var second = await body.ReadAsync(new byte[64 * 1024], cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(30), cancel);

        // Assert
        first.ShouldBe(RequestBodies.FreeBytes, "GEN-3: no more than the free bytes without the budget");
        freeAfterFirst.ShouldBe(all);
        second.ShouldBeGreaterThan(0);
        bodies.FreeChunks.ShouldBe(all - ((64 * 1024) - RequestBodies.FreeBytes) / RequestBodies.Chunk, "the rest took its chunks");
    }

    /// <summary>A body of exactly its free bytes (its length known) finds its end without taking a chunk, though none is free.</summary>
    [Fact]
    public async Task GEN_3_A_body_of_its_free_bytes_finds_its_end_without_the_budget()
    {
        // Arrange: a budget of one chunk, which another body holds
        var cancel = TestContext.Current.CancellationToken;
        var bodies = new RequestBodies(bytesInFlight: RequestBodies.Chunk, readTimeout: TimeSpan.FromMinutes(5));
        await using var holder = bodies.Guard(new MemoryStream(new byte[64 * 1024]));
        (await holder.ReadAsync(new byte[RequestBodies.FreeBytes], cancel)).ShouldBe(RequestBodies.FreeBytes);
        (await holder.ReadAsync(new byte[RequestBodies.Chunk], cancel)).ShouldBe(RequestBodies.Chunk);
        await using var body = bodies.Guard(new MemoryStream(new byte[RequestBodies.FreeBytes]), RequestBodies.FreeBytes);
        (await body.ReadAsync(new byte[64 * 1024], cancel)).ShouldBe(RequestBodies.FreeBytes);

        // Act
        var end = body.ReadAsync(new byte[64 * 1024], cancel).AsTask();

        // Assert
        (await end.WaitAsync(TimeSpan.FromSeconds(30), cancel)).ShouldBe(0, "GEN-3: its end needs no memory");
        bodies.FreeChunks.ShouldBe(0);
    }

    [Fact]
    public void GEN_3_A_budget_smaller_than_a_chunk_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new RequestBodies(bytesInFlight: RequestBodies.Chunk - 1));
    }

    /// <summary>
    /// The time allowed runs from the body's first read: a sender that trickles a few bytes at a time does not restart it.
    /// Read from the server's pipe too, where bytes it holds already are taken without a deadline: the first read that
    /// has to wait is still held to the time from the first read.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GEN_3_A_body_that_trickles_in_is_refused_once_its_time_from_the_first_read_is_up(bool fromPipe)
    {
        // Arrange: 200 ms allowed; ten bytes at once, then ten bytes 150 ms later
        var cancel = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider();
        var bodies = new RequestBodies(readTimeout: TimeSpan.FromMilliseconds(200), time: time);
        var trickle = new Pipe();
        await using var body = bodies.Guard(trickle.Reader.AsStream(), pipe: fromPipe ? trickle.Reader : null);
        await trickle.Writer.WriteAsync(new byte[10], cancel);
        (await body.ReadAsync(new byte[1024], cancel)).ShouldBe(10);
        time.Advance(TimeSpan.FromMilliseconds(150));
        await trickle.Writer.WriteAsync(new byte[10], cancel);
        (await body.ReadAsync(new byte[1024], cancel)).ShouldBe(10, "150 ms after the first read: in time");

        // Act: 250 ms after the first read
        time.Advance(TimeSpan.FromMilliseconds(100));
        var late = body.ReadAsync(new byte[1024], cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(10), cancel);

        // Assert
        (await Should.ThrowAsync<BadHttpRequestException>(late)).StatusCode.ShouldBe(StatusCodes.Status408RequestTimeout);
    }

    /// <summary>
    /// A body whose time runs out while it waits for the budget other bodies hold is refused as the server's being busy,
    /// not as a client that sent too slowly (it had sent the whole body).
    /// </summary>
    [Fact]
    public async Task GEN_3_A_body_whose_time_runs_out_waiting_for_the_budget_is_told_the_server_was_busy()
    {
        // Arrange: a budget of one chunk, held by another body that does not end
        var cancel = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider();
        var bodies = new RequestBodies(bytesInFlight: RequestBodies.Chunk, readTimeout: TimeSpan.FromSeconds(30), time: time);
        await using var holder = bodies.Guard(new MemoryStream(new byte[64 * 1024]));
        (await holder.ReadAsync(new byte[RequestBodies.FreeBytes], cancel)).ShouldBe(RequestBodies.FreeBytes);
        (await holder.ReadAsync(new byte[RequestBodies.Chunk], cancel)).ShouldBe(RequestBodies.Chunk);
        await using var waiter = bodies.Guard(new MemoryStream(new byte[64 * 1024]));
        (await waiter.ReadAsync(new byte[RequestBodies.FreeBytes], cancel)).ShouldBe(RequestBodies.FreeBytes);
        var waiting = waiter.ReadAsync(new byte[RequestBodies.Chunk], cancel).AsTask();

        // Act
        time.Advance(TimeSpan.FromSeconds(31));

        // Assert
        var refused = await Should.ThrowAsync<BadHttpRequestException>(waiting.WaitAsync(TimeSpan.FromSeconds(30), cancel));
        refused.StatusCode.ShouldBe(StatusCodes.Status408RequestTimeout, "GEN-3: a 4xx, as for any body not read in time");
        BodyProblem.Of(refused, new DefaultHttpContext().Request).ShouldBe("the simulator was busy reading other large bodies for as long as a body may take: send it again");
    }

    /// <summary>
    /// A body that took its chunks and then stops arriving is refused as too slow, not told the simulator was busy: it
    /// waited for no one.
    /// </summary>
    [Fact]
    public async Task GEN_3_A_body_that_stalls_after_taking_its_chunks_is_told_it_arrived_too_slowly()
    {
        // Arrange: a body of its free bytes and two chunks, of which only its free bytes and a few more arrive
        var cancel = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider();
        var bodies = new RequestBodies(bytesInFlight: 4 * RequestBodies.Chunk, readTimeout: TimeSpan.FromSeconds(30), time: time);
        var arriving = new Pipe();
        await arriving.Writer.WriteAsync(new byte[RequestBodies.FreeBytes + 100], cancel);
        await using var body = bodies.Guard(arriving.Reader.AsStream(), RequestBodies.FreeBytes + (2 * RequestBodies.Chunk));
        (await body.ReadAsync(new byte[RequestBodies.FreeBytes], cancel)).ShouldBe(RequestBodies.FreeBytes);
        (await body.ReadAsync(new byte[RequestBodies.Chunk], cancel)).ShouldBe(100, "its chunks taken, it reads what came");
        var stalled = body.ReadAsync(new byte[RequestBodies.Chunk], cancel).AsTask();

        // Act
        time.Advance(TimeSpan.FromSeconds(31));

        // Assert
        var refused = await Should.ThrowAsync<BadHttpRequestException>(stalled.WaitAsync(TimeSpan.FromSeconds(30), cancel));
        refused.ShouldNotBeOfType<RequestBodies.BudgetInUseException>("it waited for no other body");
        BodyProblem.Of(refused, new DefaultHttpContext().Request).ShouldBe("it arrived too slowly");
    }

    /// <summary>A body that gives up while it waits for the rest of the chunks it needs gives back those it had taken.</summary>
    [Fact]
    public async Task GEN_3_A_body_that_gives_up_waiting_for_chunks_gives_back_those_it_took()
    {
        // Arrange: a budget of three chunks, one held; a body that needs three
        var cancel = TestContext.Current.CancellationToken;
        var bodies = new RequestBodies(bytesInFlight: 3 * RequestBodies.Chunk, readTimeout: TimeSpan.FromMinutes(5));
        await using var holder = bodies.Guard(new MemoryStream(new byte[RequestBodies.FreeBytes + RequestBodies.Chunk]), RequestBodies.FreeBytes + RequestBodies.Chunk);
        (await holder.ReadAsync(new byte[RequestBodies.FreeBytes], cancel)).ShouldBe(RequestBodies.FreeBytes);
        (await holder.ReadAsync(new byte[RequestBodies.Chunk], cancel)).ShouldBe(RequestBodies.Chunk);
        const int Length = RequestBodies.FreeBytes + (3 * RequestBodies.Chunk);
        await using var body = bodies.Guard(new MemoryStream(new byte[Length]), Length);
        (await body.ReadAsync(new byte[RequestBodies.FreeBytes], cancel)).ShouldBe(RequestBodies.FreeBytes);
        using var givingUp = new CancellationTokenSource();
        var waiting = body.ReadAsync(new byte[RequestBodies.Chunk], givingUp.Token).AsTask();
        bodies.FreeChunks.ShouldBe(0, "it holds the two that were free while it waits for a third");

        // Act
        await givingUp.CancelAsync();

        // Assert
        await Should.ThrowAsync<OperationCanceledException>(waiting.WaitAsync(TimeSpan.FromSeconds(30), cancel));
        bodies.FreeChunks.ShouldBe(2, "GEN-3: the two it took are given back at once, not when its request ends");
    }

    /// <summary>A read the request itself gives up on (its client went away) ends as given up, not as a body that came too slowly.</summary>
    [Fact]
    public async Task A_read_cancelled_by_its_caller_is_cancelled_not_refused_as_too_slow()
    {
        // Arrange
        var bodies = new RequestBodies(readTimeout: TimeSpan.FromMinutes(5));
        var stalled = new Pipe();
        await using var body = bodies.Guard(stalled.Reader.AsStream());
        using var aborted = new CancellationTokenSource();
        var read = body.ReadAsync(new byte[1024], aborted.Token).AsTask();

        // Act
        await aborted.CancelAsync();

        // Assert
        await Should.ThrowAsync<OperationCanceledException>(read.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
    }

    /// <summary>A connection that ends under a read (Kestrel throws an <see cref="OperationCanceledException"/>) is no body that came too slowly either.</summary>
    [Fact]
    public async Task A_read_its_connection_ends_under_is_cancelled_not_refused_as_too_slow()
    {
        // Arrange
        var bodies = new RequestBodies(readTimeout: TimeSpan.FromMinutes(5));
        await using var body = bodies.Guard(new EndedConnection());

        // Act
        var read = body.ReadAsync(new byte[1024], TestContext.Current.CancellationToken).AsTask();

        // Assert
        await Should.ThrowAsync<OperationCanceledException>(read);
    }

    private sealed class EndedConnection : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(new OperationCanceledException("the connection ended"));
    }

    [Fact]
    public async Task GEN_3_A_body_that_does_not_arrive_whole_in_time_is_refused_as_too_slow()
    {
        // Arrange: a body whose sender stopped (nothing more ever arrives)
        var cancel = TestContext.Current.CancellationToken;
        var bodies = new RequestBodies(readTimeout: TimeSpan.FromMilliseconds(200));
        var stalled = new Pipe();
        await using var body = bodies.Guard(stalled.Reader.AsStream());

        // Act
        var read = body.ReadAsync(new byte[1024], cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(30), cancel);

        // Assert
        var refused = await Should.ThrowAsync<BadHttpRequestException>(read);
        refused.StatusCode.ShouldBe(StatusCodes.Status408RequestTimeout);
        refused.Message.ShouldContain("did not arrive whole within 0.2 s");
    }

    /// <summary>
    /// A stop waits for the requests in flight: a body whose sender stopped held the simulator's stop up for the whole
    /// read time (30 s). Stopping drops such a body's connection at once, and its read fails.
    /// </summary>
    [Fact]
    public async Task GEN_3_A_body_still_arriving_when_the_simulator_stops_drops_its_connection()
    {
        // Arrange: a request whose body's sender stopped, on a server that has not begun to stop
        var cancel = TestContext.Current.CancellationToken;
        var bodies = new RequestBodies(readTimeout: TimeSpan.FromMinutes(10));
        using var lifetime = new StoppingLifetime();
        var aborted = new LifetimeFeature();
        var stalled = new Pipe();
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddSingleton<Microsoft.Extensions.Hosting.IHostApplicationLifetime>(lifetime).BuildServiceProvider() };
        context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestLifetimeFeature>(aborted);
        context.Request.Method = "POST";
        context.Request.Body = stalled.Reader.AsStream();
        bodies.Guard(context);
        var read = context.Request.Body.ReadAsync(new byte[1024], cancel).AsTask();
        read.IsCompleted.ShouldBeFalse("nothing has arrived");

        // Act
        await lifetime.StopAsync();

        // Assert
        var refused = await Should.ThrowAsync<BadHttpRequestException>(read.WaitAsync(TimeSpan.FromSeconds(30), cancel));
        refused.StatusCode.ShouldBe(StatusCodes.Status503ServiceUnavailable);
        aborted.Aborted.ShouldBeTrue("the connection is dropped: no answer would be read");
        await context.Response.CompleteAsync();
    }

    private sealed class StoppingLifetime : Microsoft.Extensions.Hosting.IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public Task StopAsync() => stopping.CancelAsync();

        public void StopApplication() => stopping.Cancel();

        public void Dispose() => stopping.Dispose();
    }

    private sealed class LifetimeFeature : Microsoft.AspNetCore.Http.Features.IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted { get; set; }

        public bool Aborted { get; private set; }

        public void Abort() => Aborted = true;
    }

    /// <summary>
    /// On Kestrel: what a body took from the budget goes back when its request ends. Under a budget of eight chunks, pauses
    /// whose bodies take six each are answered one after the other; had the first kept its chunks, the second would wait
    /// for them until its time was up, and be refused as arriving too slowly.
    /// </summary>
    [Fact]
    public async Task GEN_3_On_Kestrel_a_request_gives_its_chunks_back_when_it_ends()
    {
        // Arrange
        var bodies = new RequestBodies(bytesInFlight: 8 * RequestBodies.Chunk, readTimeout: TimeSpan.FromSeconds(5));
        await using var simulator = await KestrelSimulator.StartAsync(TestWorlds.Small(), services: s => s.AddSingleton(bodies));
        var admin = await LegacyClient.LoggedInAsync(simulator.Client, TestWorlds.Admin.Login, TestWorlds.Admin.Password);
        var padded = "paused=true" + string.Concat(Enumerable.Range(0, 6).Select(i => $"&padding{i}={new string('a', RequestBodies.Chunk)}"));

        // Act
        var answers = new List<System.Net.HttpStatusCode>();
        foreach (var _ in new[] { 1, 2, 3 })
        {
            using var answer = await admin.SetPausedAsync(TestWorlds.AgentsCouple, padded);
            answers.Add(answer.StatusCode);
        }

        // Assert
        answers.ShouldAllBe(status => status == System.Net.HttpStatusCode.NoContent, "PSE-3: each pause read its whole body");
    }

    /// <summary>On Kestrel: a pause whose chunked body cannot be read says so (GEN-3), rather than that it stops short.</summary>
    [Fact]
    public async Task GEN_3_On_Kestrel_a_pause_whose_chunked_framing_is_malformed_is_refused_naming_the_framing()
    {
        // Arrange
        var cancel = TestContext.Current.CancellationToken;
        await using var simulator = await KestrelSimulator.StartAsync(TestWorlds.Small());
        var admin = await LegacyClient.LoggedInAsync(simulator.Client, TestWorlds.Admin.Login, TestWorlds.Admin.Password);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(simulator.Client.BaseAddress!.Host, simulator.Client.BaseAddress.Port, cancel);
        var stream = tcp.GetStream();

        // Act: a chunk size that is not hexadecimal
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /callrec/restful/couples.xml/{TestWorlds.AgentsCouple}/pausedState HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: x=1; JSESSIONID={admin.SessionId}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\npaused=true\r\n0\r\n\r\n"), cancel);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var answer = await reader.ReadToEndAsync(cancel).WaitAsync(TimeSpan.FromSeconds(30), cancel);

        // Assert
        answer.ShouldStartWith("HTTP/1.1 400", customMessage: answer);
        answer.ShouldContain(BodyProblem.Framing, customMessage: answer);
    }

    /// <summary>On Kestrel: a login whose body stops a tenth of the way is answered (the login page, SES-3) once the read time has passed, instead of holding its bytes unanswered.</summary>
    [Fact]
    public async Task GEN_3_On_Kestrel_a_login_whose_body_stops_short_is_answered_once_its_time_is_up()
    {
        // Arrange
        var cancel = TestContext.Current.CancellationToken;
        var bodies = new RequestBodies(readTimeout: TimeSpan.FromSeconds(1));
        await using var simulator = await KestrelSimulator.StartAsync(TestWorlds.Small(), services: s => s.AddSingleton(bodies));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(simulator.Client.BaseAddress!.Host, simulator.Client.BaseAddress.Port, cancel);
        var stream = tcp.GetStream();

        // Act: a body of 1,000,000 bytes announced, 100,000 sent, then nothing
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /callrec/loginAction.do HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: x=1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000000\r\n\r\nlogin=admin&password=secret&x="), cancel);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(new string('a', 100_000)), cancel);
        var answer = new byte[512];
        var got = await stream.ReadAsync(answer, cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(60), cancel);

        // Assert
        Encoding.ASCII.GetString(answer, 0, got).ShouldStartWith("HTTP/1.1 200", customMessage: "SES-3: a login whose body could not be read gets the login page");
        using var list = await simulator.Client.GetAsync("/callrec/restful/couples.xml", cancel);
        list.StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden, "SES-1: no session was logged in by it");
    }

    /// <summary>
    /// On Kestrel: a body that runs out of time is answered, then drained as any body the answer left unread, with nothing
    /// in the log above information. Its read, cancelled through the token of Kestrel's body stream, left Kestrel's reader
    /// reading, and the drain failed with an error and a stack trace for every such body (one per stalled client).
    /// </summary>
    [Fact]
    public async Task GEN_3_On_Kestrel_a_body_that_ran_out_of_time_is_drained_without_an_error_in_the_log()
    {
        // Arrange
        var cancel = TestContext.Current.CancellationToken;
        var bodies = new RequestBodies(readTimeout: TimeSpan.FromSeconds(1));
        var log = new CapturingLoggerProvider();
        await using var simulator = await KestrelSimulator.StartAsync(TestWorlds.Small(), services: s => s.AddSingleton(bodies).AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(log));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(simulator.Client.BaseAddress!.Host, simulator.Client.BaseAddress.Port, cancel);
        var stream = tcp.GetStream();

        // Act: a login of 1,000 bytes announced, 100 sent, then nothing; read until the server closes the connection
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /callrec/loginAction.do HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: x=1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nlogin=admin&password=secret&x=" + new string('a', 70)), cancel);
        var received = new MemoryStream();
        var chunk = new byte[4096];
        try
        {
            int got;
            while ((got = await stream.ReadAsync(chunk, cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(60), cancel)) > 0)
            {
                received.Write(chunk, 0, got);
            }
        }
        catch (IOException)
        {
            // the body left unread after the drain's time: the server resets the connection rather than closing it
        }

        // Assert
        Encoding.ASCII.GetString(received.ToArray()).ShouldStartWith("HTTP/1.1 200", customMessage: "SES-3: a login whose body could not be read gets the login page");
        log.Messages.Where(m => m.StartsWith("Error", StringComparison.Ordinal) || m.StartsWith("Warning", StringComparison.Ordinal) || m.StartsWith("Critical", StringComparison.Ordinal))
            .ShouldBeEmpty("nothing a client sends puts an error in the log (GEN-3)");
    }

    /// <summary>
    /// On Kestrel: a small pause body trickling in a byte at a time has its whole read time (30 s), as documented; Kestrel's
    /// own minimum rate refused it as arriving too slowly after 5 to 6 s.
    /// </summary>
    [Fact]
    public async Task GEN_3_On_Kestrel_a_small_body_trickling_in_has_its_whole_read_time()
    {
        // Arrange
        var cancel = TestContext.Current.CancellationToken;
        await using var simulator = await KestrelSimulator.StartAsync(TestWorlds.Small());
        var admin = await LegacyClient.LoggedInAsync(simulator.Client, TestWorlds.Admin.Login, TestWorlds.Admin.Password);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(simulator.Client.BaseAddress!.Host, simulator.Client.BaseAddress.Port, cancel);
        var stream = tcp.GetStream();
        const string body = "paused=true";

        // Act: the body a byte every 0.7 s, about 8 s in all
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /callrec/restful/couples.xml/{TestWorlds.AgentsCouple}/pausedState HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: x=1; JSESSIONID={admin.SessionId}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), cancel);
        foreach (var b in Encoding.ASCII.GetBytes(body))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(700), cancel);
            await stream.WriteAsync(new[] { b }, cancel);
        }

        using var reader = new StreamReader(stream, Encoding.ASCII);
        var answer = await reader.ReadToEndAsync(cancel).WaitAsync(TimeSpan.FromSeconds(60), cancel);

        // Assert
        answer.ShouldStartWith("HTTP/1.1 204", customMessage: answer);
    }
}
