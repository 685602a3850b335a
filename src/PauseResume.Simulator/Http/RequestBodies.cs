using System.Buffers;
using System.IO.Pipelines;

namespace PauseResume.Simulator.Http;

/// <summary>
/// GEN-3: the memory the request bodies being read may hold together, and how long a body may take to arrive. Each
/// body's first <see cref="FreeBytes"/> are read at once (every form the API takes is far smaller); past them a body
/// takes, at once, the <see cref="Chunk"/>s of <see cref="BytesInFlight"/> that the rest of it needs (as its
/// <c>Content-Length</c> says, else as much as a body may be), shared by every body and given back when its request
/// ends, waiting while too few are left; and a body must arrive whole within <see cref="ReadTimeout"/> of
/// its first read, or it is refused as arriving too slowly (408, which the form's reader answers as a body it could not
/// read). Without this, clients that each sent most of a body of 1 MB and then stopped held that much of the server's
/// memory each, for as long as they kept the connection. When the server stops, a body still arriving drops its
/// connection: a stop waits for the requests in flight, and without this one stalled body held it up for the whole
/// <see cref="ReadTimeout"/>. A body takes all the chunks it needs before it reads past its free bytes, and one body at
/// a time takes: bodies that took a chunk at a time each held some while waiting for more, and several large ones at once
/// could hold the whole budget between them, none able to finish, until every one was refused as too slow. So a body
/// longer than all it took (over the largest a body may be, on a host that sets no limit of its own) is refused (413)
/// rather than given more.
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

    /// <summary>Held by the one body taking chunks now: no body waits for chunks while holding some another waits for.</summary>
    private readonly SemaphoreSlim taking = new(1, 1);

    private readonly int allChunks;

    private readonly TimeProvider time;

    public RequestBodies(long bytesInFlight = DefaultBytesInFlight, TimeSpan? readTimeout = null, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesInFlight, Chunk);
        BytesInFlight = bytesInFlight;
        ReadTimeout = readTimeout ?? DefaultReadTimeout;
        this.time = time ?? TimeProvider.System;
        allChunks = (int)Math.Min(int.MaxValue, bytesInFlight / Chunk);
        chunks = new SemaphoreSlim(allChunks);
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

        // Kestrel's own minimum rate (240 bytes a second after 5 s) refused a small body arriving a byte at a time after
        // 5 or 6 s, long before its ReadTimeout; the deadline here bounds every body instead, as documented.
        if (context.Features.Get<Microsoft.AspNetCore.Server.Kestrel.Core.Features.IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        // Kestrel's pipe is taken before the body is replaced: read through it, a read that runs out of time is put back
        // (see GuardedBody.ReadInnerAsync).
        var guarded = new GuardedBody(context.Request.Body, this, context.Request.ContentLength, context.Abort, context.Request.BodyReader, stopping);
        context.Request.Body = guarded;
        context.Response.RegisterForDispose(guarded);
    }

    /// <summary>
    /// A body read within the budget and the time allowed; disposed, it gives back the chunks it took. A read still waiting
    /// when <paramref name="stopping"/> fires calls <paramref name="abort"/> (the connection's) and fails. Past its free
    /// bytes it takes the chunks <paramref name="length"/> needs, or, unknown, those of the largest body. Read from
    /// <paramref name="pipe"/> where given, as a server's body is.
    /// </summary>
    internal Stream Guard(Stream body, long? length = null, Action? abort = null, PipeReader? pipe = null, CancellationToken stopping = default) =>
        new GuardedBody(body, this, length, abort, pipe, stopping);

    /// <summary>The chunks a body of <paramref name="length"/> bytes (unknown: the largest a body may be) needs past its free bytes, at most all of them.</summary>
    private int ChunksFor(long? length)
    {
        var past = Math.Max(1, Math.Min(length ?? long.MaxValue, Hosting.SimulatorOptions.MaxRequestBodyBytes) - FreeBytes);
        return (int)Math.Min(allChunks, (past + Chunk - 1) / Chunk);
    }

    /// <summary>Takes <paramref name="count"/> chunks, all or none, one body at a time.</summary>
    private async Task TakeAsync(int count, CancellationToken cancellationToken)
    {
        await taking.WaitAsync(cancellationToken).ConfigureAwait(false);
        var taken = 0;
        try
        {
            for (; taken < count; taken++)
            {
                await chunks.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (taken > 0)
        {
            chunks.Release(taken);
            throw;
        }
        finally
        {
            taking.Release();
        }
    }

    /// <param name="pipe">The server's pipe of the body, read in place of <paramref name="inner"/> where given.</param>
    private sealed class GuardedBody(Stream inner, RequestBodies bodies, long? length, Action? abort, PipeReader? pipe, CancellationToken stopping) : Stream
    {
        private long read;
        private long? startedAt; // the first read's timestamp on the bodies' clock: a body's time runs from it
        private int credit; // bytes left of the chunks taken
        private int held;   // chunks taken, given back at the end
        private CancellationTokenSource? deadline;
        private bool waitingForBudget;

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

        /// <summary>
        /// What the server holds of the body already, within its free bytes, is taken at once: such a read waits for
        /// nothing, so it needs no deadline, no linked token and no state machine (they were most of a small form's cost
        /// under load, bench/results/profile.md). A read that has to wait goes the guarded way, its deadline counted from
        /// the body's first read whichever way that went.
        /// </summary>
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.IsEmpty)
            {
                return inner.ReadAsync(buffer, cancellationToken);
            }

            startedAt ??= bodies.time.GetTimestamp();
            if (pipe is not null && read < FreeBytes && !cancellationToken.IsCancellationRequested && !stopping.IsCancellationRequested
                && TryReadHeld(pipe, buffer.Span[..(int)Math.Min(buffer.Length, FreeBytes - read)]) is { } got)
            {
                read += got;
                return ValueTask.FromResult(got);
            }

            return ReadGuardedAsync(buffer, cancellationToken);
        }

        // The bytes the pipe holds now, or null where it holds none and the body has not ended (or a read was cancelled).
        private static int? TryReadHeld(PipeReader pipe, Span<byte> buffer)
        {
            if (!pipe.TryRead(out var result))
            {
                return null;
            }

            var data = result.Buffer;
            if (result.IsCanceled || (data.IsEmpty && !result.IsCompleted))
            {
                pipe.AdvanceTo(data.Start);
                return null;
            }

            var count = (int)Math.Min(data.Length, buffer.Length);
            data.Slice(0, count).CopyTo(buffer);
            pipe.AdvanceTo(data.GetPosition(count));
            return count;
        }

        private async ValueTask<int> ReadGuardedAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            deadline ??= new CancellationTokenSource(
                TimeSpan.FromTicks(Math.Max(0, (bodies.ReadTimeout - bodies.time.GetElapsedTime(startedAt!.Value)).Ticks)), bodies.time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token, stopping);
            try
            {
                int room;
                if (read < FreeBytes)
                {
                    room = (int)(FreeBytes - read);
                }
                else if (held == 0 && !(length is { } whole && read >= whole))
                {
                    // All the rest needs, at once.
                    await TakeAsync(bodies.ChunksFor(length), either.Token).ConfigureAwait(false);
                    room = credit;
                }
                else
                {
                    // Once the chunks taken are read (or its free bytes, all a body of that length has), the body is all
                    // it said it was, or the most a body may be: a read of a byte finds its end.
                    room = credit == 0 ? 1 : credit;
                }

                var got = await ReadInnerAsync(buffer[..Math.Min(buffer.Length, room)], either.Token).ConfigureAwait(false);
                if (read >= FreeBytes)
                {
                    if (credit == 0 && got > 0)
                    {
                        // Longer than all it took: it is refused rather than given more, since waiting for more while holding
                        // some is how bodies held the budget between them (and one larger than the budget waited for itself).
                        throw new BodyTooLongException(read);
                    }

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
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested && waitingForBudget)
            {
                throw new BudgetInUseException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"the body waited {bodies.ReadTimeout.TotalSeconds:0.#} s from its first read for the memory other bodies held"));
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new BadHttpRequestException(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the body did not arrive whole within {bodies.ReadTimeout.TotalSeconds:0.#} s of its first read"),
                    StatusCodes.Status408RequestTimeout);
            }
        }

        /// <summary>
        /// One read of the body. From the server's pipe where there is one, cancelled as its pending read and put back before
        /// it throws: Kestrel's body stream, cancelled through its token, leaves Kestrel's reader reading, and its drain of
        /// the body after the answer then failed, an error with a stack trace logged for every body that ran out of time.
        /// </summary>
        private async ValueTask<int> ReadInnerAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            if (pipe is null)
            {
                return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            using var cancelling = cancellationToken.Register(static reader => ((PipeReader)reader!).CancelPendingRead(), pipe);
            while (true)
            {
                var result = await pipe.ReadAsync(CancellationToken.None).ConfigureAwait(false);
                var data = result.Buffer;
                var consumed = data.Start;
                try
                {
                    if (result.IsCanceled)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        continue; // cancelled by another than this read: read on
                    }

                    if (!data.IsEmpty)
                    {
                        var count = (int)Math.Min(data.Length, buffer.Length);
                        data.Slice(0, count).CopyTo(buffer.Span);
                        consumed = data.GetPosition(count);
                        return count;
                    }

                    if (result.IsCompleted)
                    {
                        return 0;
                    }
                }
                finally
                {
                    pipe.AdvanceTo(consumed);
                }
            }
        }

        /// <summary>Takes <paramref name="count"/> chunks of the budget for this body; while it waits, a deadline that passes is the budget's doing.</summary>
        private async Task TakeAsync(int count, CancellationToken cancellationToken)
        {
            waitingForBudget = true; // left set where the wait throws: the read's catch tells by it why the time ran out
            await bodies.TakeAsync(count, cancellationToken).ConfigureAwait(false);
            waitingForBudget = false;

            held += count;
            credit += count * Chunk;
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

    /// <summary>
    /// A body whose time ran out while it waited for the budget other bodies held: the server was busy, the client not
    /// slow. Still a 408 (GEN-3: nothing a client sends makes the server answer 5xx), named as what it is.
    /// </summary>
    internal sealed class BudgetInUseException(string message) : BadHttpRequestException(message, StatusCodes.Status408RequestTimeout);

    /// <summary>
    /// A body longer than all that was taken for it: the largest a body may be, or all the memory bodies may hold together,
    /// whichever is less (a host that sets no limit of its own, in-process, lets such a body through to here).
    /// </summary>
    internal sealed class BodyTooLongException(long bytes) : BadHttpRequestException(
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the body is longer than the {bytes} bytes taken for it"), StatusCodes.Status413PayloadTooLarge)
    {
        public long Bytes => bytes;
    }
}
