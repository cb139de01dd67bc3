using System.Buffers.Binary;
using System.Text;

namespace OrleansGateway.Edge.WebSockets.Frames;

/// <summary>
/// The upgraded connection's stream, as the server's <see cref="System.Net.WebSockets.WebSocket"/> sees
/// it: client bytes pass through a <see cref="ClientFrameScanner"/>. A frame over the limit is not
/// passed on; instead the stream sends the client a close frame 1009 itself, reads what the client
/// still sends until its close frame (bounded in time, so the client gets the close code rather than a
/// reset), and then reports end of stream. Writes are serialized with that close frame: the WebSocket
/// writes each frame in one call, so frames never interleave, and nothing is written after the close.
/// </summary>
internal sealed class FrameLimitingStream(Stream inner, int maxFrameBytes, TimeSpan linger) : Stream
{
    /// <summary>The close reason sent with 1009.</summary>
    public const string Reason = "Frame size exceeds the limit";

    private readonly ClientFrameScanner _scanner = new(maxFrameBytes);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private bool _closeSent;

    /// <summary>True once a frame over the limit was refused (the connection is ending with 1009).</summary>
    public bool Refused => _scanner.Refused;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_scanner.Refused)
        {
            await RefuseAsync(cancellationToken);
            return 0;
        }
        var read = await inner.ReadAsync(buffer, cancellationToken);
        if (read == 0)
        {
            return 0;
        }
        var accepted = _scanner.Scan(buffer.Span[..read]);
        if (!_scanner.Refused)
        {
            return read;
        }
        if (accepted > 0)
        {
            // Frames before the refused one still reach the WebSocket; the next read refuses.
            return accepted;
        }
        await RefuseAsync(cancellationToken);
        return 0;
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            if (!_closeSent)
            {
                await inner.WriteAsync(buffer, cancellationToken);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public override void Flush() => inner.Flush();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _writeLock.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        _writeLock.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Sends close 1009 once, then drops what the client sends until its close frame, for <c>linger</c> at most.</summary>
    private async Task RefuseAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(linger);
        try
        {
            await SendCloseAsync(bounded.Token);
            var scratch = new byte[4096];
            while (!_scanner.CloseReceived)
            {
                var read = await inner.ReadAsync(scratch, bounded.Token);
                if (read == 0)
                {
                    return;
                }
                _scanner.Scan(scratch.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client went away or never answered: the connection ends either way.
        }
    }

    private async Task SendCloseAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            if (_closeSent)
            {
                return;
            }
            _closeSent = true;
            // A server frame is unmasked: FIN + opcode 8, length, then the status code and the reason.
            var reason = Encoding.UTF8.GetBytes(Reason);
            var frame = new byte[4 + reason.Length];
            frame[0] = 0x88;
            frame[1] = (byte)(2 + reason.Length);
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), 1009);
            reason.CopyTo(frame, 4);
            await inner.WriteAsync(frame, cancellationToken);
            await inner.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
