using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Deployments;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Stages;

/// <summary>
/// CreateStage: <c>POST /restapis/{restApiId}/stages</c> → 201 Stage; 409 if it exists; 400 if
/// <c>clientCertificateId</c> names no certificate.
/// </summary>
internal static class CreateStageEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/restapis/{restApiId}/stages", Handle);

    private static async Task<IResult> Handle(string restApiId, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var body = await RequestBodies.ReadJsonAsync(request, ManagementJson.Default.CreateStageBody, cancellationToken);
        if (body?.StageName is not { } stageName)
        {
            throw ManagementInput.Missing("createStageInput", "stageName");
        }
        if (body.DeploymentId is not { } deploymentId)
        {
            throw ManagementInput.Missing("createStageInput", "deploymentId");
        }
        if (body.CanarySettings is { ValueKind: not JsonValueKind.Null })
        {
            throw ManagementException.BadRequest(StageInput.CanaryNotSupported);
        }
        var stageRequest = new CreateStageRequest(
            ManagementInput.RequireStageNameInBody(stageName),
            ManagementInput.DeploymentId(deploymentId),
            ManagementInput.Bounded(body.Description, StageInput.MaxTextLength, "description"),
            StageInput.Variables(body.Variables),
            body.TracingEnabled ?? false,
            body.CacheClusterEnabled ?? false,
            StageInput.CacheClusterSize(body.CacheClusterSize),
            StageInput.Tags(body.Tags),
            ManagementInput.Bounded(body.DocumentationVersion, StageInput.MaxTextLength, "documentationVersion"));
        var clientCertificateId = string.IsNullOrEmpty(body.ClientCertificateId) ? null : body.ClientCertificateId;
        if (clientCertificateId is not null)
        {
            await ClientCertificates.ClientCertificateInput.RequireExistingAsync(grains, clientCertificateId);
        }
        var api = grains.GetGrain<IRestApiGrain>(id);
        var stage = await api.CreateStage(stageRequest);
        if (clientCertificateId is not null)
        {
            // The stage grain's CreateStage has no certificate field; set it as UpdateStage would.
            stage = await api.UpdateStage(stage.StageName, [new PatchOperation("replace", "/clientCertificateId", clientCertificateId, null)]);
        }
        return TypedResults.Json(StageResponse.From(stage), ManagementJson.Default.StageResponse, "application/json", StatusCodes.Status201Created);
    }
}
