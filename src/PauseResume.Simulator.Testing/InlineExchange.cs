using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace PauseResume.Simulator.Testing;
/// <summary>
/// One request's answer as the app writes it: status, headers and body. The body is kept in a buffer while the app runs
/// on the caller's thread; an answer handed over before the app has returned streams the rest through a pipe.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "the token source is neither linked nor timed; the streams hold nothing")]
internal sealed partial class InlineExchange : IHttpResponseFeature, IHttpResponseBodyFeature, IHttpRequestLifetimeFeature, IHttpRequestBodyDetectionFeature
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
}
