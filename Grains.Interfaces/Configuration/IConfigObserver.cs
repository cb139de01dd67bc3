namespace OrleansGateway.Grains.Interfaces.Configuration;

/// <summary>
/// Implemented by each edge. Grains push only a version number; the edge pulls and compiles the
/// new configuration off the request path, so a lost or reordered push is harmless.
/// </summary>
[Alias("og.IConfigObserver")]
public interface IConfigObserver : IGrainObserver
{
    /// <summary>API <paramref name="apiId"/> now has serving version <paramref name="version"/>.</summary>
    [Alias("OnApiChanged")]
    Task OnApiChanged(string apiId, long version);
}
