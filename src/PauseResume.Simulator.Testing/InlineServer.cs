using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace PauseResume.Simulator.Testing;

/// <summary>
/// The server of <see cref="FakeTransport.Inline"/>: it opens no socket and starts no thread. Each request runs the app
/// on the caller's thread until the app first waits on something (an answer the simulator writes at once never leaves
/// that thread); only an answer that is still being written when its headers go out (the dashboard's event stream, a
/// latency fault) goes on where the app resumes.
/// </summary>
internal sealed class InlineServer : IServer
{
    private Func<IFeatureCollection, Task>? application;

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        ArgumentNullException.ThrowIfNull(application);
        this.application = features => RunAsync(application, features);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        application = null;
        return Task.CompletedTask;
    }

    public void Dispose() => application = null;

    /// <summary>Runs one request through the app; the task ends when the app has returned and its context is disposed.</summary>
    internal Task RunAsync(IFeatureCollection features) =>
        (application ?? throw new ObjectDisposedException(nameof(FakeRecorder), "the recorder is stopped or disposed"))(features);

    private static async Task RunAsync<TContext>(IHttpApplication<TContext> application, IFeatureCollection features)
        where TContext : notnull
    {
        var context = application.CreateContext(features);
        try
        {
            await application.ProcessRequestAsync(context).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            application.DisposeContext(context, e);
            throw;
        }

        application.DisposeContext(context, null);
    }
}

/// <summary>Sends a request into an <see cref="InlineServer"/>: what a socket would carry, without the socket.</summary>
internal sealed class InlineHandler(InlineServer server) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var exchange = new InlineExchange(await RequestOf(request, cancellationToken).ConfigureAwait(false), cancellationToken);
        var app = server.RunAsync(exchange.Features);
        if (!app.IsCompleted)
        {
            try
            {
                await Task.WhenAny(app, exchange.Started).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                exchange.CallerLeft(); // the caller gave up: the app sees its request aborted, as when a client closes the connection
                EndWhenDone(app, exchange);
                throw;
            }
        }

        if (!app.IsCompleted)
        {
            EndWhenDone(app, exchange); // the headers are out and the app goes on writing the body
            return exchange.Answer(request);
        }

        var failure = app.Exception?.InnerException;
        var started = exchange.HasStarted;
        await exchange.EndAsync(failure).ConfigureAwait(false);
        if (failure is not null && !started)
        {
            await app.ConfigureAwait(false); // the app's own exception, handed to the caller as TestHost hands it
        }

        return exchange.Answer(request);
    }

    private static void EndWhenDone(Task app, InlineExchange exchange) =>
        _ = app.ContinueWith(
            static (ended, state) => ((InlineExchange)state!).EndAsync(ended.Exception?.InnerException),
            exchange,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();

    private static async Task<HttpRequestFeature> RequestOf(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var address = request.RequestUri ?? throw new InvalidOperationException("the request has no address");
        if (!address.IsAbsoluteUri)
        {
            throw new InvalidOperationException($"the request's address {address} is not absolute; give the client a BaseAddress");
        }

        var feature = new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Method = request.Method.Method,
            Scheme = address.Scheme,
            Path = PathString.FromUriComponent(address).Value ?? "/",
            QueryString = QueryString.FromUriComponent(address).Value ?? string.Empty,
            RawTarget = address.PathAndQuery,
        };
        var headers = feature.Headers;
        foreach (var (name, values) in request.Headers)
        {
            headers.Append(name, values.ToArray());
        }

        if (!headers.ContainsKey("Host"))
        {
            headers.Host = address.Authority; // what a client writes on the wire from the address
        }

        if (request.Content is null)
        {
            // A socket client sends a POST or PUT without content as an empty body of length 0.
            if (HttpMethods.IsPost(feature.Method) || HttpMethods.IsPut(feature.Method))
            {
                headers.ContentLength = 0;
            }

            return feature;
        }

        _ = request.Content.Headers.ContentLength; // worked out now, so it is among the headers copied below when it can be known
        foreach (var (name, values) in request.Content.Headers)
        {
            headers.Append(name, values.ToArray());
        }

        var body = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        feature.Body = new MemoryStream(body, writable: false);
        if (headers.ContentLength is null)
        {
            // Content of no known length goes out chunked, as a socket client sends it.
            headers.TransferEncoding = "chunked";
        }

        return feature;
    }
}


/// <summary>
/// One request's answer as the app writes it: status, headers and body. The body is kept in a buffer while the app runs
/// on the caller's thread; an answer handed over before the app has returned streams the rest through a pipe.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "the token source is neither linked nor timed; the streams hold nothing")]
internal sealed class InlineExchange : IHttpResponseFeature, IHttpResponseBodyFeature, IHttpRequestLifetimeFeature, IHttpRequestBodyDetectionFeature
{
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Neither linked nor timed, so it needs no disposing: it is cancelled outside the gate (the app's continuations run
    // in Cancel) and the caller's token reaches it through a registration undone at the end, which never waits.
    private readonly CancellationTokenSource aborted = new();
    private readonly CancellationTokenRegistration callerRegistration;
    private readonly HeaderDictionary headers = [];
    private readonly HttpRequestFeature request;
    private readonly BodyStream stream;
    private readonly MemoryStream buffered = new();
    private readonly Lock gate = new(); // the body's hand-over, the abort and the token source's end, one at a time
    private List<(Func<object, Task> Callback, object State)>? onStarting;
    private List<(Func<object, Task> Callback, object State)>? onCompleted;
    private PipeWriter? writer;
    private Pipe? streamed; // set at the hand-over; no back-pressure: an in-process caller that reads nothing must not block the app
    private Exception? abortedWith;
    private volatile Exception? endedWith; // what the body ends in, read by the caller once it has read every byte before it
    private bool ended;

    public InlineExchange(HttpRequestFeature request, CancellationToken callerGaveUp)
    {
        this.request = request;
        callerRegistration = callerGaveUp.UnsafeRegister(static state => ((InlineExchange)state!).CallerLeft(), this);
        stream = new BodyStream(this);
        Features.Set<IHttpRequestFeature>(request);
        Features.Set<IHttpResponseFeature>(this);
        Features.Set<IHttpResponseBodyFeature>(this);
        Features.Set<IHttpRequestLifetimeFeature>(this);
        Features.Set<IHttpRequestBodyDetectionFeature>(this);
    }

    public FeatureCollection Features { get; } = new();

    /// <summary>Done when the headers are out (the first write or flush of the body), on an abort, or at the end.</summary>
    public Task Started => started.Task;

    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public string? ReasonPhrase { get; set; }

    public IHeaderDictionary Headers
    {
        get => headers;
        set => throw new NotSupportedException("the answer's headers are changed in place, not replaced");
    }

    [Obsolete("Use IHttpResponseBodyFeature.Stream")]
    public Stream Body
    {
        get => stream;
        set => throw new NotSupportedException("replace IHttpResponseBodyFeature instead");
    }

    public bool HasStarted { get; private set; }

    public Stream Stream => stream;

    public PipeWriter Writer => writer ??= PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));

    public CancellationToken RequestAborted
    {
        get => aborted.Token;
        set => throw new NotSupportedException("the request's end is the caller's cancellation or an abort");
    }

    public bool CanHaveBody => request.Body != Stream.Null;

    public void OnStarting(Func<object, Task> callback, object state)
    {
        if (HasStarted)
        {
            throw new InvalidOperationException("OnStarting cannot be set because the response has already started.");
        }

        (onStarting ??= []).Insert(0, (callback, state)); // the last registered runs first, as in every ASP.NET Core server
    }

    public void OnCompleted(Func<object, Task> callback, object state) => (onCompleted ??= []).Insert(0, (callback, state));

    public void DisableBuffering()
    {
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (HasStarted)
        {
            return;
        }

        foreach (var (callback, state) in onStarting ?? [])
        {
            await callback(state).ConfigureAwait(false);
        }

        HasStarted = true;
        headers.IsReadOnly = true;
        started.TrySetResult();
    }

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the simulator sends no files");

    public Task CompleteAsync() => writer is null ? StartAsync() : writer.FlushAsync().AsTask();

    /// <summary>
    /// Cuts the exchange as a dropped connection would: before the headers, the caller's request fails; after them, the
    /// body ends in an error where it was cut. Only the app calls it, from its own flow.
    /// </summary>
    public void Abort()
    {
        lock (gate)
        {
            if (ended || abortedWith is not null)
            {
                return;
            }

            abortedWith = new IOException("the simulator aborted the request: the connection was cut");
            if (streamed is not null)
            {
                EndBody(abortedWith);
            }
        }

        aborted.Cancel();
        started.TrySetResult();
    }

    /// <summary>The caller gave up or disposed the answer before its end: the app sees its request aborted, as when a client hangs up.</summary>
    public void CallerLeft()
    {
        lock (gate)
        {
            if (ended)
            {
                return;
            }
        }

        aborted.Cancel();
    }

    /// <summary>After the app returned: the headers out if they were not, the body's end, the completion callbacks.</summary>
    public async Task EndAsync(Exception? failure)
    {
        if (failure is null && abortedWith is null)
        {
            await CompleteAsync().ConfigureAwait(false);
            if (writer is not null)
            {
                await writer.CompleteAsync().ConfigureAwait(false);
            }
        }

        lock (gate)
        {
            ended = true;
            var end = failure ?? abortedWith;
            if (end is not null && streamed is null)
            {
                HandOver(); // an answer that ends in an error streams its start, then the error
            }

            if (streamed is not null)
            {
                EndBody(end);
            }
        }

        try
        {
            foreach (var (callback, state) in onCompleted ?? [])
            {
                await callback(state).ConfigureAwait(false);
            }
        }
        finally
        {
            started.TrySetResult();
            callerRegistration.Unregister();
        }
    }

    /// <summary>The answer as the caller sees it; handed over before the app's end, its content streams the rest.</summary>
    public HttpResponseMessage Answer(HttpRequestMessage request)
    {
        if (!HasStarted)
        {
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely: the simulator cut the connection", abortedWith);
        }

        HttpContent content;
        lock (gate)
        {
            if (streamed is null && !ended)
            {
                HandOver();
            }

            content = streamed is null
                ? new WholeBody(buffered.GetBuffer().AsMemory(0, (int)buffered.Length))
                : new StreamContent(new ReadStream(this, streamed.Reader.AsStream()));
        }

        var answer = new HttpResponseMessage((HttpStatusCode)StatusCode) { RequestMessage = request, Version = HttpVersion.Version11, Content = content };
        if (ReasonPhrase is not null)
        {
            answer.ReasonPhrase = ReasonPhrase;
        }

        foreach (var (name, values) in headers)
        {
            if (!answer.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        return answer;
    }

    // Under the gate: what was buffered goes into a pipe, and every later write follows it there.
    private void HandOver()
    {
        streamed = new Pipe(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));

        // Without back-pressure a flush completes at once, under the gate.
        streamed.Writer.Write(buffered.GetBuffer().AsSpan(0, (int)buffered.Length));
        var flushed = streamed.Writer.FlushAsync(CancellationToken.None);
        System.Diagnostics.Debug.Assert(flushed.IsCompleted, "a pipe without back-pressure flushes at once");
        flushed.GetAwaiter().GetResult();
        if (abortedWith is not null)
        {
            EndBody(abortedWith); // what was written before the cut arrives, then the cut, as over a socket
        }
    }

    // Under the gate: the pipe ends; an error is the caller's once it has read what came before it (a pipe completed with
    // an error throws at once, dropping what the caller had not read yet).
    private void EndBody(Exception? error)
    {
        endedWith ??= error is null or IOException ? error : new IOException($"the simulator failed after its answer began: {error.Message}", error);
        streamed!.Writer.Complete();
    }

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        PipeWriter? to;
        lock (gate)
        {
            if (abortedWith is not null)
            {
                return;
            }

            to = streamed?.Writer;
            if (to is null)
            {
                buffered.Write(bytes.Span);
                return;
            }
        }

        await to.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An answer the app wrote whole before returning: its bytes, of a length not announced unless the app set it.</summary>
    private sealed class WholeBody(ReadOnlyMemory<byte> bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(bytes).AsTask();

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken) =>
            stream.WriteAsync(bytes, cancellationToken).AsTask();

        protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => new MemoryStream(bytes.ToArray(), writable: false);

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(CreateContentReadStream(CancellationToken.None));

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>The body as the caller reads it while the app writes; disposing it early tells the app the caller has gone.</summary>
    private sealed class ReadStream(InlineExchange exchange, Stream body) : OneWayStream
    {
        public override bool CanRead => true;

        public override bool CanWrite => false;

        public override int Read(byte[] buffer, int offset, int count) => Ended(body.Read(buffer, offset, count), count);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Ended(await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false), buffer.Length);

        // The end of the bytes is the end of the body, or the error it ended in.
        private int Ended(int read, int asked) => read == 0 && asked > 0 && exchange.endedWith is { } error ? throw error : read;

        public override void Flush()
        {
        }

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                body.Dispose();
                exchange.CallerLeft();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>The body as the app writes it: the first write or flush sends the headers.</summary>
    private sealed class BodyStream(InlineExchange exchange) : OneWayStream
    {
        public override bool CanRead => false;

        public override bool CanWrite => true;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            exchange.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            exchange.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) =>
            throw new InvalidOperationException("Synchronous operations are disallowed. Call WriteAsync or set AllowSynchronousIO to true instead.");

        public override Task FlushAsync(CancellationToken cancellationToken) => exchange.StartAsync(cancellationToken);

        public override void Flush() =>
            throw new InvalidOperationException("Synchronous operations are disallowed. Call FlushAsync or set AllowSynchronousIO to true instead.");

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A stream read or written from start to end only: no length, no position.</summary>
    private abstract class OneWayStream : Stream
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
