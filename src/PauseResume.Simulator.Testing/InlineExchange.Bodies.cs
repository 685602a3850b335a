namespace PauseResume.Simulator.Testing;

/// <summary>The bodies of an <see cref="InlineExchange"/>: the answer handed to the caller whole or as it streams, and the stream the app writes to.</summary>
internal sealed partial class InlineExchange
{
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
