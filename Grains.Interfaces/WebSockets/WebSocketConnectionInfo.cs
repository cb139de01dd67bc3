namespace OrleansGateway.Grains.Interfaces.WebSockets;

/// <summary>
/// What the cluster knows of one open connection: enough to answer GetConnection and to fire
/// <c>$disconnect</c> for it if its edge dies.
/// </summary>
[GenerateSerializer, Immutable, Alias("og.ws.WebSocketConnectionInfo")]
public sealed record WebSocketConnectionInfo(
    [property: Id(0)] string ConnectionId,
    [property: Id(1)] string ApiId,
    [property: Id(2)] string Stage,
    [property: Id(3)] DateTimeOffset ConnectedAt,
    [property: Id(4)] DateTimeOffset LastActiveAt,
    [property: Id(5)] string SourceIp,
    [property: Id(6)] string? UserAgent,
    [property: Id(7)] string DomainName);
