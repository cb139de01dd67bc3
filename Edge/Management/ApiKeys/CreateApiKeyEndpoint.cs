using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.ApiKeys;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Edge.Management.Stages;
using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.ApiKeys;

/// <summary>
/// CreateApiKey: <c>POST /apikeys</c> → 201 ApiKey with its value; 409 if the value is taken.
/// The same path with <c>?mode=import</c> is ImportApiKeys.
/// </summary>
internal static class CreateApiKeyEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/apikeys", Handle);

    private static async Task<IResult> Handle(
        HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] ApiKeyValueHash hash,
        [FromServices] ApiKeyValueCipher cipher, [FromServices] TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Query.ContainsKey("mode"))
        {
            return await ImportApiKeysEndpoint.Handle(request, grains, hash, cipher, clock, cancellationToken);
        }
        var body = await RequestBodies.ReadJsonAsync(request, ApiKeysJson.Default.CreateApiKeyBody, cancellationToken)
            ?? new CreateApiKeyBody(null, null, null, null, null, null, null, null);
        var value = body.Value ?? ApiKeyValues.Generate();
        ApiKeyValues.Validate(value, ApiKeyValues.MinLength);
        var keyId = ApiKeyValues.NewKeyId();
        var record = ApiKeyValues.Seal(
            keyId,
            value,
            ManagementInput.Bounded(body.Name, ApiKeyInput.MaxTextLength, "name"),
            ManagementInput.Bounded(body.Description, ApiKeyInput.MaxTextLength, "description"),
            body.Enabled ?? false,
            ManagementInput.Bounded(body.CustomerId, ApiKeyInput.MaxTextLength, "customerId"),
            StageKeys(body.StageKeys),
            StageInput.Tags(body.Tags) ?? new Dictionary<string, string>(),
            clock.GetUtcNow(),
            hash,
            cipher);
        var created = await grains.GetGrain<IApiKeyGrain>(keyId).Create(record);
        return TypedResults.Json(ApiKeyResponse.From(created, value), ApiKeysJson.Default.ApiKeyResponse, "application/json", StatusCodes.Status201Created);
    }

    private static List<string> StageKeys(IReadOnlyList<StageKeyBody?>? stageKeys)
    {
        if (stageKeys is null)
        {
            return [];
        }
        if (stageKeys.Count > ApiKeyInput.MaxStageKeys)
        {
            throw ManagementException.BadRequest($"Too many stage keys specified. Maximum allowed: {ApiKeyInput.MaxStageKeys}");
        }
        return stageKeys.Select(s => s is { RestApiId: { } api, StageName: { } stage } && ApiKeyInput.IsKeyId(api) && ManagementInput.IsStageName(stage)
            ? $"{api}/{stage}"
            : throw ManagementException.BadRequest("Invalid stage key specified: restApiId and stageName are required")).ToList();
    }
}
