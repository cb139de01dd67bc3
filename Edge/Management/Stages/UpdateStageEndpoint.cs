using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.Stages;

/// <summary>
/// UpdateStage: <c>PATCH /restapis/{restApiId}/stages/{stageName}</c> with <c>patchOperations</c> →
/// Stage; 400 when <c>/clientCertificateId</c> is set to a certificate that does not exist.
/// </summary>
internal static class UpdateStageEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPatch("/restapis/{restApiId}/stages/{stageName}", Handle);

    private static async Task<IResult> Handle(
        string restApiId, string stageName, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IRestApiGrain>(ManagementInput.RestApiId(restApiId));
        var name = ManagementInput.StageName(stageName);
        var body = await RequestBodies.ReadJsonAsync(request, ManagementJson.Default.PatchOperationsBody, cancellationToken);
        var operations = PatchOperationsBody.ToOperations(body);
        foreach (var operation in operations)
        {
            if (operation is { Path: "/clientCertificateId", Op: "add" or "replace", Value: { Length: > 0 } certificateId })
            {
                await ClientCertificates.ClientCertificateInput.RequireExistingAsync(grains, certificateId);
            }
        }
        var stage = await grain.UpdateStage(name, operations);
        return TypedResults.Json(StageResponse.From(stage), ManagementJson.Default.StageResponse, "application/json");
    }
}
