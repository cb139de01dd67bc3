using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace OrleansGateway.Edge.DataPlane.AccessLogs;

/// <summary>
/// Wraps the server's response body feature to count the body bytes written
/// (<c>$context.responseLength</c>), whichever way they are written: stream, pipe or send-file.
/// The server's stream writes into its own pipe, not through <see cref="Writer"/>, so nothing is counted twice.
/// </summary>
internal sealed class ResponseBodyCounter : IHttpResponseBodyFeature
{
    private readonly IHttpResponseBodyFeature _inner;
    private CountingResponseStream? _stream;
    private CountingPipeWriter? _writer;
    private long _bytes;

    private ResponseBodyCounter(IHttpResponseBodyFeature inner) => _inner = inner;

    /// <summary>Body bytes written so far.</summary>
    public long BytesWritten => Interlocked.Read(ref _bytes);

    /// <inheritdoc/>
    public Stream Stream => _stream ??= new CountingResponseStream(_inner.Stream, this);

    /// <inheritdoc/>
    public PipeWriter Writer => _writer ??= new CountingPipeWriter(_inner.Writer, this);

    /// <summary>Installs a counter on <paramref name="context"/>'s response.</summary>
    public static ResponseBodyCounter Install(HttpContext context)
    {
        var counter = new ResponseBodyCounter(context.Features.GetRequiredFeature<IHttpResponseBodyFeature>());
        context.Features.Set<IHttpResponseBodyFeature>(counter);
        return counter;
    }

    /// <summary>Puts the server's feature back (other middleware may hold the context after this one returns).</summary>
    public void Uninstall(HttpContext context) => context.Features.Set(_inner);

    /// <summary>Adds <paramref name="count"/> written bytes.</summary>
    public void Add(long count) => Interlocked.Add(ref _bytes, count);

    /// <inheritdoc/>
    public void DisableBuffering() => _inner.DisableBuffering();

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken = default) => _inner.StartAsync(cancellationToken);

    /// <inheritdoc/>
    public Task CompleteAsync() => _inner.CompleteAsync();

    /// <inheritdoc/>
    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        await _inner.SendFileAsync(path, offset, count, cancellationToken);
        Add(count ?? Math.Max(0, new FileInfo(path).Length - offset));
    }
}
