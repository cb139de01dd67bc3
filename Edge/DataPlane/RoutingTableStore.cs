using OrleansGateway.Grains.Interfaces.Deployments;

namespace OrleansGateway.Edge.DataPlane;

/// <summary>
/// The edge's compiled routing tables, one per API stage, swapped atomically when an API's
/// serving config changes. Requests read one immutable snapshot and never lock.
/// </summary>
public sealed class RoutingTableStore
{
    /// <summary>True once the first full sync with the cluster has completed; until then the data plane answers 503.</summary>
    public bool IsReady { get; private set; }

    /// <summary>Marks the store ready to serve.</summary>
    public void MarkReady() => IsReady = true;

    /// <summary>Compiles and installs <paramref name="config"/> unless an equal or newer version is installed; returns whether it was installed.</summary>
    public bool Apply(ApiServingConfig config) => throw new NotImplementedException(); // STUB: helper C replaces

    /// <summary>Stops serving an API.</summary>
    public bool Remove(string apiId) => throw new NotImplementedException(); // STUB

    /// <summary>The installed version of an API, or -1.</summary>
    public long VersionOf(string apiId) => throw new NotImplementedException(); // STUB

    /// <summary>Ids of every API installed.</summary>
    public IReadOnlyCollection<string> ApiIds => throw new NotImplementedException(); // STUB
}
