using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.ApiKeys;
using OrleansGateway.Edge.Management.ApiKeys;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.Management.UsagePlans;

/// <summary>
/// CreateUsagePlanKey: <c>POST /usageplans/{usagePlanId}/keys</c> <c>{keyId, keyType:"API_KEY"}</c> →
/// 201 UsagePlanKey; 409 if the key is already in a plan for one of this plan's API stages.
/// </summary>
internal static class CreateUsagePlanKeyEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/usageplans/{usagePlanId}/keys", Handle);

    private static async Task<IResult> Handle(
        string usagePlanId, HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] ApiKeyValueCipher cipher, CancellationToken cancellationToken)
    {
        var planId = UsagePlanInput.PlanId(usagePlanId);
        var body = await RequestBodies.ReadJsonAsync(request, ApiKeysJson.Default.CreateUsagePlanKeyBody, cancellationToken);
        if (body?.KeyId is not { } keyId)
        {
            throw ManagementInput.Missing("createUsagePlanKeyInput", "keyId");
        }
        if (body.KeyType is not { } keyType)
        {
            throw ManagementInput.Missing("createUsagePlanKeyInput", "keyType");
        }
        if (keyType != UsagePlanKeys.ApiKeyType)
        {
            throw ManagementException.BadRequest($"Invalid key type specified: {keyType}. Must be: {UsagePlanKeys.ApiKeyType}");
        }
        if (!ApiKeyInput.IsKeyId(keyId))
        {
            throw ManagementException.NotFound("Invalid API Key identifier specified");
        }
        await grains.GetGrain<IUsagePlanDirectoryGrain>(IUsagePlanDirectoryGrain.Key).AddKey(planId, keyId);
        var record = await grains.GetGrain<IApiKeyGrain>(keyId).Get();
        return TypedResults.Json(UsagePlanKeys.From(record, cipher), ApiKeysJson.Default.UsagePlanKeyResponse, "application/json", StatusCodes.Status201Created);
    }
}
