using System.IO.Pipelines;

namespace OrleansGateway.Edge.DataPlane.AccessLogs;

/// <summary>The response body pipe, counting advanced bytes into a <see cref="ResponseBodyCounter"/>.</summary>
internal sealed class CountingPipeWriter(PipeWriter inner, ResponseBodyCounter counter) : PipeWriter
{
    public override void Advance(int bytes)
    {
        inner.Advance(bytes);
        counter.Add(bytes);
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public override async ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        var result = await inner.WriteAsync(source, cancellationToken);
        counter.Add(source.Length);
        return result;
    }

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;
}
