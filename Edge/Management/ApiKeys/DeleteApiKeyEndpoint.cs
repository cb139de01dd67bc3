using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Grains.Interfaces.ApiKeys;

namespace OrleansGateway.Edge.Management.ApiKeys;

/// <summary>DeleteApiKey: <c>DELETE /apikeys/{apiKey}</c> → 202; the key leaves every usage plan.</summary>
internal static class DeleteApiKeyEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapDelete("/apikeys/{apiKey}", Handle);

    private static async Task<IResult> Handle(string apiKey, [FromServices] IGrainFactory grains)
    {
        await grains.GetGrain<IApiKeyGrain>(ApiKeyInput.KeyId(apiKey)).Delete();
        return TypedResults.StatusCode(StatusCodes.Status202Accepted);
    }
}
