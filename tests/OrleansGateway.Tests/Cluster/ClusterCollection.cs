namespace OrleansGateway.Tests.Cluster;

/// <summary>Process-level tests start real redis-server, silos and edges; they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster processes";
}
