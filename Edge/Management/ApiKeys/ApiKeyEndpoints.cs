namespace OrleansGateway.Edge.Management.ApiKeys;

/// <summary>Maps the API key operations.</summary>
internal static class ApiKeyEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        CreateApiKeyEndpoint.Map(routes);
        GetApiKeysEndpoint.Map(routes);
        GetApiKeyEndpoint.Map(routes);
        UpdateApiKeyEndpoint.Map(routes);
        DeleteApiKeyEndpoint.Map(routes);
    }
}
