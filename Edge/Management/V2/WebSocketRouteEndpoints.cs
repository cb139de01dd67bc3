using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.Management.V2;

/// <summary>CreateRoute, GetRoutes, GetRoute, UpdateRoute, DeleteRoute, CreateRouteResponse, GetRouteResponses, DeleteRouteResponse.</summary>
internal static class WebSocketRouteEndpoints
{
    private static readonly string[] AuthorizationTypes = ["NONE", "CUSTOM", "AWS_IAM"];

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v2/apis/{apiId}/routes", Create);
        routes.MapGet("/v2/apis/{apiId}/routes", List);
        routes.MapGet("/v2/apis/{apiId}/routes/{routeId}", Get);
        routes.MapMethods("/v2/apis/{apiId}/routes/{routeId}", [HttpMethods.Patch], Update);
        routes.MapDelete("/v2/apis/{apiId}/routes/{routeId}", Delete);
        routes.MapDelete("/v2/apis/{apiId}/routes/{routeId}/routeresponses/{routeResponseId}", DeleteResponse);
        routes.MapPost("/v2/apis/{apiId}/routes/{routeId}/routeresponses", CreateResponse);
        routes.MapGet("/v2/apis/{apiId}/routes/{routeId}/routeresponses", ListResponses);
    }

    private static async Task<IResult> Create(string apiId, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId));
        var body = await RequestBodies.ReadJsonAsync(request, V2Json.Default.CreateRouteBody, cancellationToken)
            ?? throw ManagementException.BadRequest("Request body is required.");
        var created = await grain.CreateRoute(Validated(new WebSocketRoute(
            string.Empty, V2Input.Required(body.RouteKey, "RouteKey", 128), V2Input.Optional(body.Target, "Target", 128), body.AuthorizationType ?? "NONE",
            V2Input.Optional(body.AuthorizerId, "AuthorizerId", 64), body.ApiKeyRequired ?? false,
            body.RouteResponseSelectionExpression, V2Input.Optional(body.OperationName, "OperationName", 128))));
        return TypedResults.Json(From(created), V2Json.Default.RouteResponse, "application/json", StatusCodes.Status201Created);
    }

    private static async Task<IResult> Get(string apiId, string routeId, [FromServices] IGrainFactory grains)
    {
        var route = await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).GetRoute(V2Input.ResourceId(routeId, "Route"));
        return TypedResults.Json(From(route), V2Json.Default.RouteResponse, "application/json");
    }

    /// <summary>UpdateRoute: members present replace the route's; the result is checked as a new route would be.</summary>
    private static async Task<IResult> Update(string apiId, string routeId, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId));
        var body = await RequestBodies.ReadJsonAsync(request, V2Json.Default.CreateRouteBody, cancellationToken)
            ?? throw ManagementException.BadRequest("Request body is required.");
        var current = await grain.GetRoute(V2Input.ResourceId(routeId, "Route"));
        var authorizationType = body.AuthorizationType ?? current.AuthorizationType;
        var updated = await grain.UpdateRoute(Validated(current with
        {
            RouteKey = body.RouteKey is null ? current.RouteKey : V2Input.Required(body.RouteKey, "RouteKey", 128),
            Target = body.Target is null ? current.Target : V2Input.Optional(body.Target, "Target", 128),
            AuthorizationType = authorizationType,
            // Only CUSTOM uses an authorizer: switching away from it lets the authorizer be deleted.
            AuthorizerId = authorizationType != "CUSTOM" ? null
                : body.AuthorizerId is null ? current.AuthorizerId : V2Input.Optional(body.AuthorizerId, "AuthorizerId", 64),
            ApiKeyRequired = body.ApiKeyRequired ?? current.ApiKeyRequired,
            RouteResponseSelectionExpression = body.RouteResponseSelectionExpression ?? current.RouteResponseSelectionExpression,
            OperationName = body.OperationName is null ? current.OperationName : V2Input.Optional(body.OperationName, "OperationName", 128),
        }));
        return TypedResults.Json(From(updated), V2Json.Default.RouteResponse, "application/json");
    }

    /// <summary>The route, or 400 as apigatewayv2 answers bad members.</summary>
    private static WebSocketRoute Validated(WebSocketRoute route)
    {
        var routeKey = route.RouteKey;
        if (routeKey[0] == '$' && routeKey is not ("$connect" or "$disconnect" or "$default"))
        {
            throw ManagementException.BadRequest($"Invalid route key {routeKey}: custom route keys cannot start with $.");
        }
        if (!AuthorizationTypes.Contains(route.AuthorizationType))
        {
            throw ManagementException.BadRequest($"Invalid authorization type {route.AuthorizationType}");
        }
        if (route.AuthorizationType != "NONE" && routeKey != "$connect")
        {
            throw ManagementException.BadRequest("Only the $connect route can have an authorizer.");
        }
        if (route.AuthorizationType == "CUSTOM" && route.AuthorizerId is null)
        {
            throw ManagementException.BadRequest("AuthorizerId is required when AuthorizationType is CUSTOM.");
        }
        if (route.Target is { } target && !target.StartsWith("integrations/", StringComparison.Ordinal))
        {
            throw ManagementException.BadRequest($"Invalid target {target}: expected integrations/<integrationId>.");
        }
        if (route.RouteResponseSelectionExpression is { } rrse && rrse != "$default")
        {
            throw ManagementException.BadRequest($"Invalid route response selection expression {rrse}: WebSocket APIs support $default.");
        }
        return route;
    }

    private static async Task<IResult> DeleteResponse(string apiId, string routeId, string routeResponseId, [FromServices] IGrainFactory grains)
    {
        await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId))
            .DeleteRouteResponse(V2Input.ResourceId(routeId, "Route"), V2Input.ResourceId(routeResponseId, "RouteResponse"));
        return TypedResults.NoContent();
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
