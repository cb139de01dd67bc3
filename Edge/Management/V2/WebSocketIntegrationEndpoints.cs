using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.Management.V2;

/// <summary>CreateIntegration, GetIntegrations, GetIntegration, UpdateIntegration, DeleteIntegration (HTTP, HTTP_PROXY, MOCK).</summary>
internal static class WebSocketIntegrationEndpoints
{
    private static readonly string[] Types = ["HTTP", "HTTP_PROXY", "MOCK"];

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v2/apis/{apiId}/integrations", Create);
        routes.MapGet("/v2/apis/{apiId}/integrations", List);
        routes.MapGet("/v2/apis/{apiId}/integrations/{integrationId}", Get);
        routes.MapMethods("/v2/apis/{apiId}/integrations/{integrationId}", [HttpMethods.Patch], Update);
        routes.MapDelete("/v2/apis/{apiId}/integrations/{integrationId}", Delete);
    }

    private static async Task<IResult> Create(string apiId, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId));
        var body = await RequestBodies.ReadJsonAsync(request, V2Json.Default.CreateIntegrationBody, cancellationToken)
            ?? throw ManagementException.BadRequest("Request body is required.");
        var type = V2Input.Required(body.IntegrationType, "IntegrationType");
        var created = await grain.CreateIntegration(Validated(new WebSocketIntegration(
            string.Empty, type, body.IntegrationUri, body.IntegrationMethod ?? (type == "MOCK" ? null : "POST"), body.TimeoutInMillis ?? 29_000,
            V2Input.Optional(body.Description, "Description"),
            V2Input.Optional(body.TemplateSelectionExpression, "TemplateSelectionExpression", 256),
            V2Input.Map(body.RequestTemplates, "RequestTemplates"))));
        return TypedResults.Json(From(created), V2Json.Default.IntegrationResponse, "application/json", StatusCodes.Status201Created);
    }

    private static async Task<IResult> Get(string apiId, string integrationId, [FromServices] IGrainFactory grains)
    {
        var integration = await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).GetIntegration(V2Input.ResourceId(integrationId, "Integration"));
        return TypedResults.Json(From(integration), V2Json.Default.IntegrationResponse, "application/json");
    }

    /// <summary>UpdateIntegration: members present replace the integration's; the result is checked as a new one would be.</summary>
    private static async Task<IResult> Update(string apiId, string integrationId, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId));
        var body = await RequestBodies.ReadJsonAsync(request, V2Json.Default.CreateIntegrationBody, cancellationToken)
            ?? throw ManagementException.BadRequest("Request body is required.");
        var current = await grain.GetIntegration(V2Input.ResourceId(integrationId, "Integration"));
        var updated = await grain.UpdateIntegration(Validated(current with
        {
            IntegrationType = body.IntegrationType ?? current.IntegrationType,
            IntegrationUri = body.IntegrationUri ?? current.IntegrationUri,
            IntegrationMethod = body.IntegrationMethod ?? current.IntegrationMethod,
            TimeoutInMillis = body.TimeoutInMillis ?? current.TimeoutInMillis,
            Description = body.Description is null ? current.Description : V2Input.Optional(body.Description, "Description"),
            TemplateSelectionExpression = body.TemplateSelectionExpression is null
                ? current.TemplateSelectionExpression
                : V2Input.Optional(body.TemplateSelectionExpression, "TemplateSelectionExpression", 256),
            RequestTemplates = body.RequestTemplates is null ? current.RequestTemplates : V2Input.Map(body.RequestTemplates, "RequestTemplates"),
        }));
        return TypedResults.Json(From(updated), V2Json.Default.IntegrationResponse, "application/json");
    }

    private static async Task<IResult> Delete(string apiId, string integrationId, [FromServices] IGrainFactory grains)
    {
        await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).DeleteIntegration(V2Input.ResourceId(integrationId, "Integration"));
        return TypedResults.NoContent();
    }

    /// <summary>The integration, or 400 as apigatewayv2 answers bad members.</summary>
    private static WebSocketIntegration Validated(WebSocketIntegration integration)
    {
        var type = integration.IntegrationType;
        if (!Types.Contains(type))
        {
            // AWS and AWS_PROXY (Lambda, other services) need AWS itself.
            throw ManagementException.BadRequest($"Unsupported integration type {type}: HTTP, HTTP_PROXY and MOCK are supported.");
        }
        if (type != "MOCK")
        {
            var uri = V2Input.Required(integration.IntegrationUri, "IntegrationUri", 2048);
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            {
                throw ManagementException.BadRequest($"Invalid HTTP endpoint specified for URI {uri}");
            }
        }
        if (integration.TimeoutInMillis is < 50 or > 29_000)
        {
            throw ManagementException.BadRequest("TimeoutInMillis must be between 50 and 29000.");
        }
        if (integration.IntegrationMethod is { } method && !HttpMethods.IsPost(method) && !HttpMethods.IsPut(method) && !HttpMethods.IsGet(method)
            && !HttpMethods.IsPatch(method) && !HttpMethods.IsDelete(method) && method != "ANY")
        {
            throw ManagementException.BadRequest($"Invalid IntegrationMethod {method}");
        }
        return type == "MOCK" ? integration with { IntegrationUri = null } : integration;
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
