using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Edge.WebSockets;
using OrleansGateway.Edge.WebSockets.Routing;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.Management.V2;

/// <summary>
/// CreateApi, GetApis, GetApi, UpdateApi, DeleteApi at <c>/v2/apis</c> (WEBSOCKET protocol only);
/// ImportApi and ReimportApi answer 400, as API Gateway does for anything but an HTTP API's OpenAPI.
/// </summary>
internal static class WebSocketApiEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v2/apis", Create);
        routes.MapGet("/v2/apis", List);
        routes.MapGet("/v2/apis/{apiId}", Get);
        routes.MapMethods("/v2/apis/{apiId}", [HttpMethods.Patch], Update);
        routes.MapDelete("/v2/apis/{apiId}", Delete);
        routes.MapPut("/v2/apis", Import);
        routes.MapPut("/v2/apis/{apiId}", Reimport);
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
        var expression = SelectionExpression(V2Input.Required(body.RouteSelectionExpression, "RouteSelectionExpression", 256));
        var keyExpression = KeySelectionExpression(body.ApiKeySelectionExpression ?? "$request.header.x-api-key");
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

    /// <summary>UpdateApi: members present replace the API's; selection expressions take effect at the next deployment, as in AWS.</summary>
    private static async Task<IResult> Update(
        string apiId, HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] IOptions<WebSocketApiOptions> options, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId));
        var body = await RequestBodies.ReadJsonAsync(request, V2Json.Default.CreateApiBody, cancellationToken)
            ?? throw ManagementException.BadRequest("Request body is required.");
        if (body.ProtocolType is { } protocol && protocol != "WEBSOCKET")
        {
            throw ManagementException.BadRequest("ProtocolType cannot be changed.");
        }
        var current = await grain.Get();
        var updated = await grain.Update(current with
        {
            Name = body.Name is null ? current.Name : V2Input.Required(body.Name, "Name", 128),
            RouteSelectionExpression = body.RouteSelectionExpression is null
                ? current.RouteSelectionExpression
                : SelectionExpression(V2Input.Required(body.RouteSelectionExpression, "RouteSelectionExpression", 256)),
            ApiKeySelectionExpression = body.ApiKeySelectionExpression is null ? current.ApiKeySelectionExpression : KeySelectionExpression(body.ApiKeySelectionExpression),
            Description = body.Description is null ? current.Description : V2Input.Optional(body.Description, "Description"),
        });
        return TypedResults.Json(From(updated, options.Value), V2Json.Default.ApiResponse, "application/json");
    }

    /// <summary>ImportApi's body is an OpenAPI definition, which apigatewayv2 supports only for HTTP APIs (not served here).</summary>
    private static IResult Import() =>
        throw ManagementException.BadRequest("ImportApi accepts OpenAPI definitions of HTTP APIs only; WebSocket APIs cannot be imported. Create them with CreateApi.");

    /// <summary>ReimportApi: 404 for an unknown API, else 400 as <see cref="Import"/>.</summary>
    private static async Task<IResult> Reimport(string apiId, [FromServices] IGrainFactory grains)
    {
        await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).Get();
        throw ManagementException.BadRequest("ReimportApi accepts OpenAPI definitions of HTTP APIs only; a WebSocket API cannot be reimported.");
    }

    private static string SelectionExpression(string expression) =>
        RouteSelectionExpression.TryParse(expression, out _)
            ? expression
            : throw ManagementException.BadRequest($"The route selection expression {expression} is not valid: use $request.body.<path>.");

    private static string KeySelectionExpression(string expression) =>
        expression is "$request.header.x-api-key" or "$context.authorizer.usageIdentifierKey"
            ? expression
            : throw ManagementException.BadRequest($"Invalid ApiKeySelectionExpression {expression}");

    private static async Task<IResult> Delete(string apiId, [FromServices] IGrainFactory grains)
    {
        await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).Delete();
        return TypedResults.NoContent();
    }

    private static ApiResponse From(WebSocketApiInfo api, WebSocketApiOptions options) => new(
        api.ApiId, api.Name, "WEBSOCKET", api.RouteSelectionExpression, api.ApiKeySelectionExpression,
        $"{options.EndpointScheme}://{api.ApiId}.execute-api.{options.PublicDomain}", api.CreatedDate, api.Description, api.Tags, false);
}
