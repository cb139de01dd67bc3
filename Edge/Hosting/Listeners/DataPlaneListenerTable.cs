using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace OrleansGateway.Edge.Hosting.Listeners;

/// <summary>
/// Local port → configured listener. Listeners are told apart by the port a connection arrived
/// on, never by the Host header a client controls; a port not configured as a named listener is
/// one of the default listeners.
/// </summary>
internal sealed class DataPlaneListenerTable
{
    private readonly FrozenDictionary<int, DataPlaneListenerBinding> _byPort;

    public DataPlaneListenerTable(IOptions<DataPlaneListenerOptions> options) =>
        _byPort = options.Value.Listeners.ToFrozenDictionary(
            pair => pair.Value.Port,
            pair => new DataPlaneListenerBinding(
                new DataPlaneListener(pair.Key, pair.Value.Private, pair.Value.Private ? pair.Value.VpcEndpointId : null),
                pair.Value.ForwardClientCertificateHeaders));

    /// <summary>The listener bound to <paramref name="localPort"/>.</summary>
    public DataPlaneListenerBinding Resolve(int localPort) =>
        _byPort.TryGetValue(localPort, out var binding) ? binding : DataPlaneListenerBinding.Default;
}
