using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.ApiKeys;

namespace OrleansGateway.Edge.Management.ApiKeys;

/// <summary>UpdateApiKey: <c>PATCH /apikeys/{apiKey}</c> (<c>/name</c>, <c>/description</c>, <c>/enabled</c>, <c>/customerId</c>) → ApiKey without its value.</summary>
internal static class UpdateApiKeyEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPatch("/apikeys/{apiKey}", Handle);

    private static async Task<IResult> Handle(string apiKey, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IApiKeyGrain>(ApiKeyInput.KeyId(apiKey));
        var body = await RequestBodies.ReadJsonAsync(request, ApiKeysJson.Default.PatchOperationsBody, cancellationToken);
        var record = await grain.Update(PatchOperationsBody.ToOperations(body));
        return TypedResults.Json(ApiKeyResponse.From(record, value: null), ApiKeysJson.Default.ApiKeyResponse, "application/json");
    }
}
