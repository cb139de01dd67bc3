using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.Management.V2;

/// <summary>CreateIntegration and GetIntegrations (HTTP, HTTP_PROXY, MOCK).</summary>
internal static class WebSocketIntegrationEndpoints
{
    private static readonly string[] Types = ["HTTP", "HTTP_PROXY", "MOCK"];

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v2/apis/{apiId}/integrations", Create);
        routes.MapGet("/v2/apis/{apiId}/integrations", List);
    }

    private static async Task<IResult> Create(string apiId, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId));
        var body = await RequestBodies.ReadJsonAsync(request, V2Json.Default.CreateIntegrationBody, cancellationToken)
            ?? throw ManagementException.BadRequest("Request body is required.");
        var type = V2Input.Required(body.IntegrationType, "IntegrationType");
        if (!Types.Contains(type))
        {
            // AWS and AWS_PROXY (Lambda, other services) need AWS itself.
            throw ManagementException.BadRequest($"Unsupported integration type {type}: HTTP, HTTP_PROXY and MOCK are supported.");
        }
        string? uri = null;
        if (type != "MOCK")
        {
            uri = V2Input.Required(body.IntegrationUri, "IntegrationUri", 2048);
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            {
                throw ManagementException.BadRequest($"Invalid HTTP endpoint specified for URI {uri}");
            }
        }
        var timeout = body.TimeoutInMillis ?? 29_000;
        if (timeout is < 50 or > 29_000)
        {
            throw ManagementException.BadRequest("TimeoutInMillis must be between 50 and 29000.");
        }
        var method = body.IntegrationMethod ?? (type == "MOCK" ? null : "POST");
        if (method is not null && !HttpMethods.IsPost(method) && !HttpMethods.IsPut(method) && !HttpMethods.IsGet(method)
            && !HttpMethods.IsPatch(method) && !HttpMethods.IsDelete(method) && method != "ANY")
        {
            throw ManagementException.BadRequest($"Invalid IntegrationMethod {method}");
        }
        var created = await grain.CreateIntegration(new WebSocketIntegration(
            string.Empty, type, uri, method, timeout, V2Input.Optional(body.Description, "Description"),
            V2Input.Optional(body.TemplateSelectionExpression, "TemplateSelectionExpression", 256),
            V2Input.Map(body.RequestTemplates, "RequestTemplates")));
        return TypedResults.Json(From(created), V2Json.Default.IntegrationResponse, "application/json", StatusCodes.Status201Created);
    }

    private static async Task<IResult> List(string apiId, [FromServices] IGrainFactory grains)
    {
        var integrations = await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).GetIntegrations();
        return TypedResults.Json(new V2ItemsResponse<IntegrationResponse>(integrations.Select(From).ToList(), null),
            V2Json.Default.V2ItemsResponseIntegrationResponse, "application/json");
    }

    private static IntegrationResponse From(WebSocketIntegration integration) => new(
        integration.IntegrationId, integration.IntegrationType, integration.IntegrationUri, integration.IntegrationMethod,
        integration.TimeoutInMillis, integration.Description, "INTERNET", "WHEN_NO_MATCH", integration.TemplateSelectionExpression,
        integration.RequestTemplates.Count > 0 ? integration.RequestTemplates : null, false);
}
