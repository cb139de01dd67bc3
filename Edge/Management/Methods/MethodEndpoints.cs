using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Edge.Management.Resources;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Methods;

/// <summary>
/// GetMethod and UpdateMethod on <c>/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}</c>.
/// UpdateMethod changes the working definition: as in API Gateway, it is served from the next deployment.
/// </summary>
internal static class MethodEndpoints
{
    private const string Pattern = "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}";
    private const int MaxHttpMethodLength = 16;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(Pattern, Get);
        routes.MapPatch(Pattern, Update);
    }

    private static async Task<IResult> Get(string restApiId, string resourceId, string httpMethod, [FromServices] IGrainFactory grains)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var definition = await grains.GetGrain<IRestApiGrain>(id).GetDefinition();
        var resource = FindResource(id, definition, resourceId);
        var verb = Verb(httpMethod);
        if (!resource.Methods.TryGetValue(verb, out var method))
        {
            throw InvalidMethod();
        }
        return Json(MethodResponse.From(method, definition.Authorizers));
    }

    private static async Task<IResult> Update(string restApiId, string resourceId, string httpMethod, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var grain = grains.GetGrain<IRestApiGrain>(id);
        var resource = FindResource(id, await grain.GetDefinition(), resourceId);
        var verb = Verb(httpMethod);
        var body = await RequestBodies.ReadJsonAsync(request, MethodsJson.Default.PatchOperationsBody, cancellationToken);
        var updated = await grain.UpdateMethod(resource.Path, verb, PatchOperationsBody.ToOperations(body));
        var definition = await grain.GetDefinition();
        return Json(MethodResponse.From(updated, definition.Authorizers));
    }

    private static ResourceDefinition FindResource(string apiId, ApiDefinition definition, string resourceId) =>
        ResourceListing.Flatten(definition).FirstOrDefault(r => ResourceIds.For(apiId, r.Path) == resourceId)
        ?? throw ManagementException.NotFound("Invalid Resource identifier specified");

    private static string Verb(string httpMethod) =>
        httpMethod.Length is > 0 and <= MaxHttpMethodLength ? httpMethod.ToUpperInvariant() : throw InvalidMethod();

    private static ManagementException InvalidMethod() => ManagementException.NotFound("Invalid Method identifier specified");

    private static IResult Json(MethodResponse response) =>
        TypedResults.Json(response, MethodsJson.Default.MethodResponse, "application/json");
}
