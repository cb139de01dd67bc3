using Microsoft.AspNetCore.Http.Features;

namespace OrleansGateway.Edge.WebSockets.Frames;

/// <summary>
/// Stands in for the connection's <see cref="IHttpUpgradeFeature"/> on upgrades to a WebSocket API, so
/// the WebSocket ASP.NET Core creates reads through a <see cref="FrameLimitingStream"/>.
/// </summary>
internal sealed class FrameLimitingUpgradeFeature(IHttpUpgradeFeature inner, int maxFrameBytes, TimeSpan linger) : IHttpUpgradeFeature
{
    /// <summary>The stream handed out by <see cref="UpgradeAsync"/>; null before the upgrade.</summary>
    public FrameLimitingStream? Stream { get; private set; }

    /// <inheritdoc />
    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    /// <inheritdoc />
    public async Task<Stream> UpgradeAsync()
    {
        var stream = new FrameLimitingStream(await inner.UpgradeAsync(), maxFrameBytes, linger);
        Stream = stream;
        return stream;
    }
}
