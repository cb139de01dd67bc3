using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.Management.V2;

/// <summary>CreateStage, GetStages, GetStage, UpdateStage, DeleteStage, CreateDeployment, GetDeployments, GetDeployment, DeleteDeployment.</summary>
internal static class WebSocketStageEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v2/apis/{apiId}/stages", CreateStage);
        routes.MapGet("/v2/apis/{apiId}/stages", ListStages);
        routes.MapGet("/v2/apis/{apiId}/stages/{stageName}", GetStage);
        routes.MapMethods("/v2/apis/{apiId}/stages/{stageName}", [HttpMethods.Patch], UpdateStage);
        routes.MapDelete("/v2/apis/{apiId}/stages/{stageName}", DeleteStage);
        routes.MapPost("/v2/apis/{apiId}/deployments", CreateDeployment);
        routes.MapGet("/v2/apis/{apiId}/deployments", ListDeployments);
        routes.MapGet("/v2/apis/{apiId}/deployments/{deploymentId}", GetDeployment);
        routes.MapDelete("/v2/apis/{apiId}/deployments/{deploymentId}", DeleteDeployment);
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
            V2Input.Optional(body.Description, "Description"), now, now, V2Input.Map(body.StageVariables, "StageVariables"),
            StageSettingsInput.Route(body.DefaultRouteSettings), StageSettingsInput.Routes(body.RouteSettings),
            StageSettingsInput.AccessLog(body.AccessLogSettings)));
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

    private static async Task<IResult> UpdateStage(
        string apiId, string stageName, HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId));
        var name = ManagementInput.StageName(stageName);
        var body = await RequestBodies.ReadJsonAsync(request, V2Json.Default.UpdateStageBody, cancellationToken)
            ?? throw ManagementException.BadRequest("Request body is required.");
        var current = await grain.GetStage(name);
        var updated = await grain.UpdateStage(current with
        {
            DeploymentId = body.DeploymentId is { } id ? V2Input.ResourceId(id, "Deployment") : current.DeploymentId,
            Description = body.Description is null ? current.Description : V2Input.Optional(body.Description, "Description"),
            StageVariables = body.StageVariables is null ? current.StageVariables : V2Input.Map(body.StageVariables, "StageVariables"),
            DefaultRouteSettings = StageSettingsInput.Route(body.DefaultRouteSettings) ?? current.DefaultRouteSettings,
            RouteSettings = StageSettingsInput.Routes(body.RouteSettings, current.RouteSettings),
            AccessLogSettings = body.AccessLogSettings is null ? current.AccessLogSettings : StageSettingsInput.AccessLog(body.AccessLogSettings),
            LastUpdatedDate = time.GetUtcNow(),
        });
        return TypedResults.Json(From(updated), V2Json.Default.StageResponse, "application/json");
    }

    private static async Task<IResult> DeleteStage(string apiId, string stageName, [FromServices] IGrainFactory grains)
    {
        await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).DeleteStage(ManagementInput.StageName(stageName));
        return TypedResults.NoContent();
    }

    private static async Task<IResult> GetDeployment(string apiId, string deploymentId, [FromServices] IGrainFactory grains)
    {
        var deployment = await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).GetDeployment(V2Input.ResourceId(deploymentId, "Deployment"));
        return TypedResults.Json(From(deployment), V2Json.Default.DeploymentResponse, "application/json");
    }

    private static async Task<IResult> DeleteDeployment(string apiId, string deploymentId, [FromServices] IGrainFactory grains)
    {
        await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).DeleteDeployment(V2Input.ResourceId(deploymentId, "Deployment"));
        return TypedResults.NoContent();
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
        stage.StageName, stage.DeploymentId, stage.Description, stage.CreatedDate, stage.LastUpdatedDate, stage.StageVariables, false, false,
        StageSettingsInput.View(stage.DefaultRouteSettings),
        stage.RouteSettings?.ToDictionary(entry => entry.Key, entry => StageSettingsInput.View(entry.Value)!, StringComparer.Ordinal),
        stage.AccessLogSettings is { } log ? new AccessLogSettingsBody(log.DestinationArn, log.Format) : null);

    private static DeploymentResponse From(WebSocketDeployment deployment) =>
        new(deployment.DeploymentId, "DEPLOYED", deployment.CreatedDate, deployment.Description, false);
}
