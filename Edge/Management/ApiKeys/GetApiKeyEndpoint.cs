using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.ApiKeys;
using OrleansGateway.Grains.Interfaces.ApiKeys;

namespace OrleansGateway.Edge.Management.ApiKeys;

/// <summary>GetApiKey: <c>GET /apikeys/{apiKey}[?includeValue=true]</c> → ApiKey.</summary>
internal static class GetApiKeyEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/apikeys/{apiKey}", Handle);

    private static async Task<IResult> Handle(string apiKey, HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] ApiKeyValueCipher cipher)
    {
        var record = await grains.GetGrain<IApiKeyGrain>(ApiKeyInput.KeyId(apiKey)).Get();
        var response = ApiKeyResponse.From(record, ApiKeyInput.Flag(request, "includeValue"), cipher);
        return TypedResults.Json(response, ApiKeysJson.Default.ApiKeyResponse, "application/json");
    }
}
