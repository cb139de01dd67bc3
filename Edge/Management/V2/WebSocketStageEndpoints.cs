using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.Management.V2;

/// <summary>CreateStage, GetStages, GetStage, CreateDeployment, GetDeployments.</summary>
internal static class WebSocketStageEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v2/apis/{apiId}/stages", CreateStage);
        routes.MapGet("/v2/apis/{apiId}/stages", ListStages);
        routes.MapGet("/v2/apis/{apiId}/stages/{stageName}", GetStage);
        routes.MapPost("/v2/apis/{apiId}/deployments", CreateDeployment);
        routes.MapGet("/v2/apis/{apiId}/deployments", ListDeployments);
    }

    private static async Task<IResult> CreateStage(
        string apiId, HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId));
        var body = await RequestBodies.ReadJsonAsync(request, V2Json.Default.CreateStageBody, cancellationToken)
            ?? throw ManagementException.BadRequest("Request body is required.");
        var stageName = ManagementInput.RequireStageNameInBody(V2Input.Required(body.StageName, "StageName", ManagementInput.MaxStageNameLength));
        var now = time.GetUtcNow();
        var created = await grain.CreateStage(new WebSocketStage(
            stageName, body.DeploymentId is { } id ? V2Input.ResourceId(id, "Deployment") : null,
            V2Input.Optional(body.Description, "Description"), now, now, V2Input.Map(body.StageVariables, "StageVariables")));
        return TypedResults.Json(From(created), V2Json.Default.StageResponse, "application/json", StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListStages(string apiId, [FromServices] IGrainFactory grains)
    {
        var stages = await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).GetStages();
        return TypedResults.Json(new V2ItemsResponse<StageResponse>(stages.Select(From).ToList(), null), V2Json.Default.V2ItemsResponseStageResponse, "application/json");
    }

    private static async Task<IResult> GetStage(string apiId, string stageName, [FromServices] IGrainFactory grains)
    {
        var stage = await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).GetStage(ManagementInput.StageName(stageName));
        return TypedResults.Json(From(stage), V2Json.Default.StageResponse, "application/json");
    }

    private static async Task<IResult> CreateDeployment(
        string apiId, HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId));
        var body = await RequestBodies.ReadJsonAsync(request, V2Json.Default.CreateDeploymentBody, cancellationToken);
        var stageName = body?.StageName is { } name ? ManagementInput.RequireStageNameInBody(name) : null;
        var deployment = await grain.CreateDeployment(V2Input.Optional(body?.Description, "Description"), stageName, time.GetUtcNow());
        return TypedResults.Json(From(deployment), V2Json.Default.DeploymentResponse, "application/json", StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListDeployments(string apiId, [FromServices] IGrainFactory grains)
    {
        var deployments = await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).GetDeployments();
        return TypedResults.Json(new V2ItemsResponse<DeploymentResponse>(deployments.Select(From).ToList(), null),
            V2Json.Default.V2ItemsResponseDeploymentResponse, "application/json");
    }

    private static StageResponse From(WebSocketStage stage) => new(
        stage.StageName, stage.DeploymentId, stage.Description, stage.CreatedDate, stage.LastUpdatedDate, stage.StageVariables, false, false);

    private static DeploymentResponse From(WebSocketDeployment deployment) =>
        new(deployment.DeploymentId, "DEPLOYED", deployment.CreatedDate, deployment.Description, false);
}
