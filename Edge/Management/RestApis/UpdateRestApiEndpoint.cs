using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.RestApis;

/// <summary>UpdateRestApi: <c>PATCH /restapis/{restApiId}</c> with <c>patchOperations</c> → RestApi.</summary>
internal static class UpdateRestApiEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPatch("/restapis/{restApiId}", Handle);

    private static async Task<IResult> Handle(string restApiId, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var body = await RequestBodies.ReadJsonAsync(request, ManagementJson.Default.PatchOperationsBody, cancellationToken);
        var api = await grains.GetGrain<IRestApiGrain>(id).Update(PatchOperationsBody.ToOperations(body));
        return TypedResults.Json(RestApiResponse.From(api), ManagementJson.Default.RestApiResponse, "application/json");
    }
}
