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
        var operations = PatchOperationsBody.ToOperations(body);
        foreach (var operation in operations)
        {
            // The grain checks the shape; the IAM grammar is the edge's (the grain has no policy engine).
            if (string.Equals(operation.Path, "/policy", StringComparison.Ordinal) && !string.IsNullOrEmpty(operation.Value)
                && operation.Op is "replace" or "add")
            {
                RestApiSettingsInput.Policy(operation.Value);
            }
        }
        var api = await grains.GetGrain<IRestApiGrain>(id).Update(operations);
        return TypedResults.Json(RestApiResponse.From(api), ManagementJson.Default.RestApiResponse, "application/json");
    }
}
