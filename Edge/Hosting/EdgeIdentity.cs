namespace OrleansGateway.Edge.Hosting;

/// <summary>This edge's id in the cluster (observer registrations, later WebSocket connection ids).</summary>
public sealed record EdgeIdentity(string Id);
