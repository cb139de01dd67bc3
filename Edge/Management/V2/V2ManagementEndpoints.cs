namespace OrleansGateway.Edge.Management.V2;

/// <summary>The apigatewayv2 operations this gateway serves (WebSocket APIs).</summary>
internal static class V2ManagementEndpoints
{
    /// <summary>Maps every <c>/v2/apis...</c> operation onto <paramref name="routes"/>.</summary>
    public static void Map(IEndpointRouteBuilder routes)
    {
        WebSocketApiEndpoints.Map(routes);
        WebSocketRouteEndpoints.Map(routes);
        WebSocketIntegrationEndpoints.Map(routes);
        WebSocketStageEndpoints.Map(routes);
        WebSocketAuthorizerEndpoints.Map(routes);
    }
}
