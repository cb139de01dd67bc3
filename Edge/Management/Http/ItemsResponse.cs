namespace OrleansGateway.Edge.Management.Http;

/// <summary>API Gateway v1's list shape: <c>{"item": [...], "position": "token"}</c>.</summary>
internal sealed record ItemsResponse<T>(IReadOnlyList<T> Item, string? Position);
