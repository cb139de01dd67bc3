using System.Buffers;

namespace OrleansGateway.Edge.DataPlane.Integrations.Mappings;

/// <summary>
/// Buffers a backend body for response mappings that read it, up to <see cref="Limit"/> bytes.
/// The caller still gets the whole body: a buffered body is put back as the response content,
/// and a body over the limit is streamed on from where buffering stopped (its values are then
/// unavailable to mappings, which are omitted).
/// </summary>
internal static class ResponseBodyBuffer
{
    /// <summary>Largest body mappings read (1 MiB); larger bodies pass through unread.</summary>
    public const int Limit = 1024 * 1024;

    /// <summary>The buffered body, or null when it is larger than <see cref="Limit"/>.</summary>
    public static async ValueTask<ReadOnlyMemory<byte>?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var original = response.Content;
        if (original.Headers.ContentLength is > Limit)
        {
            return null;
        }
        var stream = await original.ReadAsStreamAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > Limit)
                    {
                        // Over the limit: the caller gets what was read followed by the rest of the stream.
                        Replace(response, new StreamContent(new PrefixedStream(buffer.AsSpan(0, length).ToArray(), stream)));
                        return null;
                    }
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, Limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }
                length += read;
            }
            var body = buffer.AsSpan(0, length).ToArray();
            await stream.DisposeAsync();
            Replace(response, new ByteArrayContent(body));
            original.Dispose();
            // The pool may hand out more than asked for, so a body can end up read whole yet over the limit.
            return length > Limit ? null : body;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Replace(HttpResponseMessage response, HttpContent content)
    {
        foreach (var header in response.Content.Headers.NonValidated)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        response.Content = content;
    }

    /// <summary>Reads a prefix already taken from a stream, then the rest of that stream.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream rest) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position < prefix.Length)
            {
                var count = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.AsSpan(_position, count).CopyTo(buffer);
                _position += count;
                return count;
            }
            return rest.Read(buffer);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < prefix.Length)
            {
                return ValueTask.FromResult(Read(buffer.Span));
            }
            return rest.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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
                rest.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
