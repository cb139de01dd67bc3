using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.Management.V2;

/// <summary>CreateRoute, GetRoutes, DeleteRoute, CreateRouteResponse, GetRouteResponses.</summary>
internal static class WebSocketRouteEndpoints
{
    private static readonly string[] AuthorizationTypes = ["NONE", "CUSTOM", "AWS_IAM"];

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v2/apis/{apiId}/routes", Create);
        routes.MapGet("/v2/apis/{apiId}/routes", List);
        routes.MapDelete("/v2/apis/{apiId}/routes/{routeId}", Delete);
        routes.MapPost("/v2/apis/{apiId}/routes/{routeId}/routeresponses", CreateResponse);
        routes.MapGet("/v2/apis/{apiId}/routes/{routeId}/routeresponses", ListResponses);
    }

    private static async Task<IResult> Create(string apiId, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId));
        var body = await RequestBodies.ReadJsonAsync(request, V2Json.Default.CreateRouteBody, cancellationToken)
            ?? throw ManagementException.BadRequest("Request body is required.");
        var routeKey = V2Input.Required(body.RouteKey, "RouteKey", 128);
        if (routeKey[0] == '$' && routeKey is not ("$connect" or "$disconnect" or "$default"))
        {
            throw ManagementException.BadRequest($"Invalid route key {routeKey}: custom route keys cannot start with $.");
        }
        var authorizationType = body.AuthorizationType ?? "NONE";
        if (!AuthorizationTypes.Contains(authorizationType))
        {
            throw ManagementException.BadRequest($"Invalid authorization type {authorizationType}");
        }
        if (authorizationType != "NONE" && routeKey != "$connect")
        {
            throw ManagementException.BadRequest("Only the $connect route can have an authorizer.");
        }
        if (authorizationType == "CUSTOM" && body.AuthorizerId is null)
        {
            throw ManagementException.BadRequest("AuthorizerId is required when AuthorizationType is CUSTOM.");
        }
        if (body.Target is { } target && !target.StartsWith("integrations/", StringComparison.Ordinal))
        {
            throw ManagementException.BadRequest($"Invalid target {target}: expected integrations/<integrationId>.");
        }
        if (body.RouteResponseSelectionExpression is { } rrse && rrse != "$default")
        {
            throw ManagementException.BadRequest($"Invalid route response selection expression {rrse}: WebSocket APIs support $default.");
        }
        var created = await grain.CreateRoute(new WebSocketRoute(
            string.Empty, routeKey, V2Input.Optional(body.Target, "Target", 128), authorizationType,
            V2Input.Optional(body.AuthorizerId, "AuthorizerId", 64), body.ApiKeyRequired ?? false,
            body.RouteResponseSelectionExpression, V2Input.Optional(body.OperationName, "OperationName", 128)));
        return TypedResults.Json(From(created), V2Json.Default.RouteResponse, "application/json", StatusCodes.Status201Created);
    }

    private static async Task<IResult> List(string apiId, [FromServices] IGrainFactory grains)
    {
        var routes = await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).GetRoutes();
        return TypedResults.Json(new V2ItemsResponse<RouteResponse>(routes.Select(From).ToList(), null), V2Json.Default.V2ItemsResponseRouteResponse, "application/json");
    }

    private static async Task<IResult> Delete(string apiId, string routeId, [FromServices] IGrainFactory grains)
    {
        await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).DeleteRoute(V2Input.ResourceId(routeId, "Route"));
        return TypedResults.NoContent();
    }

    private static async Task<IResult> CreateResponse(
        string apiId, string routeId, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId));
        var route = V2Input.ResourceId(routeId, "Route");
        var body = await RequestBodies.ReadJsonAsync(request, V2Json.Default.CreateRouteResponseBody, cancellationToken)
            ?? throw ManagementException.BadRequest("Request body is required.");
        var key = V2Input.Required(body.RouteResponseKey, "RouteResponseKey", 128);
        if (key != "$default")
        {
            throw ManagementException.BadRequest($"Invalid route response key {key}: WebSocket APIs support $default.");
        }
        var created = await grain.CreateRouteResponse(new WebSocketRouteResponse(string.Empty, route, key));
        return TypedResults.Json(new RouteResponseResponse(created.RouteResponseId, created.RouteResponseKey),
            V2Json.Default.RouteResponseResponse, "application/json", StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListResponses(string apiId, string routeId, [FromServices] IGrainFactory grains)
    {
        var responses = await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).GetRouteResponses(V2Input.ResourceId(routeId, "Route"));
        var items = responses.Select(r => new RouteResponseResponse(r.RouteResponseId, r.RouteResponseKey)).ToList();
        return TypedResults.Json(new V2ItemsResponse<RouteResponseResponse>(items, null), V2Json.Default.V2ItemsResponseRouteResponseResponse, "application/json");
    }

    private static RouteResponse From(WebSocketRoute route) => new(
        route.RouteId, route.RouteKey, route.Target, route.AuthorizationType, route.AuthorizerId, route.ApiKeyRequired,
        route.RouteResponseSelectionExpression, route.OperationName, false);
}
