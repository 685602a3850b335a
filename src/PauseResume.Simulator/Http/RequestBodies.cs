namespace PauseResume.Simulator.Http;

/// <summary>
/// GEN-3: the memory the request bodies being read may hold together, and how long a body may take to arrive. Each
/// body's first <see cref="FreeBytes"/> are read at once (every form the API takes is far smaller); past them a body is
/// read a <see cref="Chunk"/> at a time, each taken from <see cref="BytesInFlight"/> shared by every body and given back
/// when its request ends, waiting while none is left; and a body must arrive whole within <see cref="ReadTimeout"/> of
/// its first read, or it is refused as arriving too slowly (408, which the form's reader answers as a body it could not
/// read). Without this, clients that each sent most of a body of 1 MB and then stopped held that much of the server's
/// memory each, for as long as they kept the connection. When the server stops, a body still arriving drops its
/// connection: a stop waits for the requests in flight, and without this one stalled body held it up for the whole
/// <see cref="ReadTimeout"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "a SemaphoreSlim whose wait handle is never asked for holds nothing to dispose")]
internal sealed class RequestBodies
{
    /// <summary>What a body may read before it takes from the shared budget.</summary>
    public const int FreeBytes = 16 * 1024;

    /// <summary>How much of the shared budget a body takes at a time.</summary>
    public const int Chunk = 16 * 1024;

    /// <summary>The bytes all bodies past their first <see cref="FreeBytes"/> may hold together: 64 bodies of the largest size.</summary>
    public const long DefaultBytesInFlight = 64 * Hosting.SimulatorOptions.MaxRequestBodyBytes;

    /// <summary>How long a body may take to arrive whole from its first read: Kestrel's own wait for a request's headers.</summary>
    public static readonly TimeSpan DefaultReadTimeout = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim chunks;

    private readonly TimeProvider time;

    public RequestBodies(long bytesInFlight = DefaultBytesInFlight, TimeSpan? readTimeout = null, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesInFlight, Chunk);
        BytesInFlight = bytesInFlight;
        ReadTimeout = readTimeout ?? DefaultReadTimeout;
        this.time = time ?? TimeProvider.System;
        chunks = new SemaphoreSlim((int)Math.Min(int.MaxValue, bytesInFlight / Chunk));
    }

    public long BytesInFlight { get; }

    public TimeSpan ReadTimeout { get; }

    /// <summary>The chunks of the budget no body holds now.</summary>
    public int FreeChunks => chunks.CurrentCount;

    /// <summary>Puts the guard on a request that may carry a body; what it took goes back when the request ends.</summary>
    public void Guard(HttpContext context)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return;
        }

        var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        var guarded = Guard(context.Request.Body, context.Abort, stopping);
        context.Request.Body = guarded;
        context.Response.RegisterForDispose(guarded);
    }

    /// <summary>
    /// A body read within the budget and the time allowed; disposed, it gives back the chunks it took. A read still waiting
    /// when <paramref name="stopping"/> fires calls <paramref name="abort"/> (the connection's) and fails.
    /// </summary>
    internal Stream Guard(Stream body, Action? abort = null, CancellationToken stopping = default) => new GuardedBody(body, this, abort, stopping);

    private sealed class GuardedBody(Stream inner, RequestBodies bodies, Action? abort, CancellationToken stopping) : Stream
    {
        private long read;
        private int credit; // bytes left of the chunks taken
        private int held;   // chunks taken, given back at the end
        private CancellationTokenSource? deadline;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.IsEmpty)
            {
                return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            deadline ??= new CancellationTokenSource(bodies.ReadTimeout, bodies.time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token, stopping);
            try
            {
                int room;
                if (read < FreeBytes)
                {
                    room = (int)(FreeBytes - read);
                }
                else
                {
                    if (credit == 0)
                    {
                        await bodies.chunks.WaitAsync(either.Token).ConfigureAwait(false);
                        held++;
                        credit = Chunk;
                    }

                    room = credit;
                }

                var got = await inner.ReadAsync(buffer[..Math.Min(buffer.Length, room)], either.Token).ConfigureAwait(false);
                if (read >= FreeBytes)
                {
                    credit -= got;
                }

                read += got;
                return got;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                abort?.Invoke(); // nobody would read an answer: the client learns of the stop as of any server's going away
                throw new BadHttpRequestException("the simulator is stopping", StatusCodes.Status503ServiceUnavailable);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new BadHttpRequestException(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the body did not arrive whole within {bodies.ReadTimeout.TotalSeconds:0.#} s of its first read"),
                    StatusCodes.Status408RequestTimeout);
            }
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            throw new NotSupportedException("a request body is read asynchronously");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                if (held > 0)
                {
                    bodies.chunks.Release(held);
                    held = 0;
                }

                deadline?.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
