using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Edge.WebSockets;
using OrleansGateway.Edge.WebSockets.Routing;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.Management.V2;

/// <summary>CreateApi, GetApis, GetApi, DeleteApi at <c>/v2/apis</c> (WEBSOCKET protocol only).</summary>
internal static class WebSocketApiEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v2/apis", Create);
        routes.MapGet("/v2/apis", List);
        routes.MapGet("/v2/apis/{apiId}", Get);
        routes.MapDelete("/v2/apis/{apiId}", Delete);
    }

    private static async Task<IResult> Create(
        HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] TimeProvider time,
        [FromServices] IOptions<WebSocketApiOptions> options, CancellationToken cancellationToken)
    {
        var body = await RequestBodies.ReadJsonAsync(request, V2Json.Default.CreateApiBody, cancellationToken)
            ?? throw ManagementException.BadRequest("Request body is required.");
        var name = V2Input.Required(body.Name, "Name", 128);
        var protocol = V2Input.Required(body.ProtocolType, "ProtocolType");
        if (protocol != "WEBSOCKET")
        {
            // HTTP APIs are not part of this gateway (see docs/websockets.md).
            throw ManagementException.BadRequest($"Unsupported ProtocolType {protocol}: only WEBSOCKET is supported.");
        }
        var expression = V2Input.Required(body.RouteSelectionExpression, "RouteSelectionExpression", 256);
        if (!RouteSelectionExpression.TryParse(expression, out _))
        {
            throw ManagementException.BadRequest($"The route selection expression {expression} is not valid: use $request.body.<path>.");
        }
        var keyExpression = body.ApiKeySelectionExpression ?? "$request.header.x-api-key";
        if (keyExpression is not ("$request.header.x-api-key" or "$context.authorizer.usageIdentifierKey"))
        {
            throw ManagementException.BadRequest($"Invalid ApiKeySelectionExpression {keyExpression}");
        }
        var info = new WebSocketApiInfo(
            string.Empty, name, expression, keyExpression, V2Input.Optional(body.Description, "Description"),
            time.GetUtcNow(), V2Input.Map(body.Tags, "Tags"));
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var apiId = IdGenerator.Next(10);
            // Shares the execute-api host namespace with REST APIs: an id must be free in both.
            if (await grains.GetGrain<IRestApiGrain>(apiId).TryGet() is null
                && await grains.GetGrain<IWebSocketApiGrain>(apiId).Create(info))
            {
                var created = await grains.GetGrain<IWebSocketApiGrain>(apiId).Get();
                return TypedResults.Json(From(created, options.Value), V2Json.Default.ApiResponse, "application/json", StatusCodes.Status201Created);
            }
        }
        throw ManagementException.Conflict("Could not allocate an API id; retry.");
    }

    private static async Task<IResult> List([FromServices] IGrainFactory grains, [FromServices] IOptions<WebSocketApiOptions> options)
    {
        var ids = await grains.GetGrain<IWebSocketCatalogGrain>(IWebSocketCatalogGrain.Key).ListApis();
        var items = new List<ApiResponse>(ids.Count);
        foreach (var id in ids)
        {
            try
            {
                items.Add(From(await grains.GetGrain<IWebSocketApiGrain>(id).Get(), options.Value));
            }
            catch (ManagementException exception) when (exception.ErrorType == ManagementErrorType.NotFound)
            {
                // Deleted between the list and the read.
            }
        }
        return TypedResults.Json(new V2ItemsResponse<ApiResponse>(items, null), V2Json.Default.V2ItemsResponseApiResponse, "application/json");
    }

    private static async Task<IResult> Get(string apiId, [FromServices] IGrainFactory grains, [FromServices] IOptions<WebSocketApiOptions> options)
    {
        var api = await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).Get();
        return TypedResults.Json(From(api, options.Value), V2Json.Default.ApiResponse, "application/json");
    }

    private static async Task<IResult> Delete(string apiId, [FromServices] IGrainFactory grains)
    {
        await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).Delete();
        return TypedResults.NoContent();
    }

    private static ApiResponse From(WebSocketApiInfo api, WebSocketApiOptions options) => new(
        api.ApiId, api.Name, "WEBSOCKET", api.RouteSelectionExpression, api.ApiKeySelectionExpression,
        $"{options.EndpointScheme}://{api.ApiId}.execute-api.{options.PublicDomain}", api.CreatedDate, api.Description, api.Tags, false);
}
