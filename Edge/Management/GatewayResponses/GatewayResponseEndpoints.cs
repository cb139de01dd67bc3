using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.GatewayResponses;

/// <summary>
/// Put/Get/Delete GatewayResponse and GetGatewayResponses on <c>/restapis/{restApiId}/gatewayresponses</c>.
/// They change the working definition only: as in API Gateway, a change is served from the next deployment.
/// </summary>
internal static class GatewayResponseEndpoints
{
    private const string Collection = "/restapis/{restApiId}/gatewayresponses";
    private const string Item = Collection + "/{responseType}";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(Collection, List);
        routes.MapPut(Item, Put);
        routes.MapGet(Item, Get);
        routes.MapPatch(Item, Update);
        routes.MapDelete(Item, Delete);
    }

    private static async Task<IResult> Put(string restApiId, string responseType, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var type = ResponseType(responseType);
        var body = await RequestBodies.ReadJsonAsync(request, GatewayResponsesJson.Default.PutGatewayResponseBody, cancellationToken);
        var stored = await grains.GetGrain<IRestApiGrain>(id).PutGatewayResponse(new GatewayResponseDefinition(
            type, body?.StatusCode, body?.ResponseParameters ?? [], body?.ResponseTemplates ?? []));
        return TypedResults.Json(GatewayResponseResponse.From(stored), GatewayResponsesJson.Default.GatewayResponseResponse,
            "application/json", StatusCodes.Status201Created);
    }

    private static async Task<IResult> Get(string restApiId, string responseType, [FromServices] IGrainFactory grains)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var type = ResponseType(responseType);
        var customised = await grains.GetGrain<IRestApiGrain>(id).GetGatewayResponses();
        var response = customised.TryGetValue(type, out var found) ? GatewayResponseResponse.From(found) : GatewayResponseResponse.Default(type);
        return TypedResults.Json(response, GatewayResponsesJson.Default.GatewayResponseResponse, "application/json");
    }

    /// <summary>
    /// UpdateGatewayResponse: patches the customised response (or the default, which becomes
    /// customised). Read and write are two grain calls: concurrent updates of one type may race.
    /// </summary>
    private static async Task<IResult> Update(string restApiId, string responseType, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var type = ResponseType(responseType);
        var body = await RequestBodies.ReadJsonAsync(request, GatewayResponsesJson.Default.PatchOperationsBody, cancellationToken);
        var grain = grains.GetGrain<IRestApiGrain>(id);
        var customised = await grain.GetGatewayResponses();
        var current = customised.TryGetValue(type, out var found)
            ? found
            : new GatewayResponseDefinition(type, null, new Dictionary<string, string>(), new Dictionary<string, string>());
        var stored = await grain.PutGatewayResponse(GatewayResponsePatcher.Apply(current, PatchOperationsBody.ToOperations(body)));
        return TypedResults.Json(GatewayResponseResponse.From(stored), GatewayResponsesJson.Default.GatewayResponseResponse, "application/json");
    }

    /// <summary>Every type, customised or not (<c>defaultResponse</c> tells which), as API Gateway lists them.</summary>
    private static async Task<IResult> List(string restApiId, HttpRequest request, [FromServices] IGrainFactory grains)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var page = PageRequest.From(request);
        var customised = await grains.GetGrain<IRestApiGrain>(id).GetGatewayResponses();
        var all = GatewayResponseExtension.ResponseTypes
            .Order(StringComparer.Ordinal)
            .Select(type => customised.TryGetValue(type, out var found) ? GatewayResponseResponse.From(found) : GatewayResponseResponse.Default(type))
            .ToList();
        var taken = Paging.Take(all, r => r.ResponseType, page, StringComparer.Ordinal);
        var response = new ItemsResponse<GatewayResponseResponse>([.. taken.Items], taken.Position);
        return TypedResults.Json(response, GatewayResponsesJson.Default.ItemsResponseGatewayResponseResponse, "application/json");
    }

    private static async Task<IResult> Delete(string restApiId, string responseType, [FromServices] IGrainFactory grains)
    {
        var id = ManagementInput.RestApiId(restApiId);
        await grains.GetGrain<IRestApiGrain>(id).DeleteGatewayResponse(ResponseType(responseType));
        return TypedResults.StatusCode(StatusCodes.Status202Accepted);
    }

    private static string ResponseType(string responseType) =>
        GatewayResponseExtension.IsResponseType(responseType)
            ? responseType
            : throw ManagementException.BadRequest(
                $"1 validation error detected: Value '{(responseType.Length > 64 ? responseType[..64] : responseType)}' at 'responseType' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [" + string.Join(", ", GatewayResponseExtension.ResponseTypes) + "]");
}
