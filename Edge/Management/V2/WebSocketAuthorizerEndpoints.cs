using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.Management.V2;

/// <summary>CreateAuthorizer and GetAuthorizers: REQUEST authorizers for <c>$connect</c>.</summary>
internal static class WebSocketAuthorizerEndpoints
{
    private const int MaxIdentitySources = 10;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v2/apis/{apiId}/authorizers", Create);
        routes.MapGet("/v2/apis/{apiId}/authorizers", List);
    }

    private static async Task<IResult> Create(string apiId, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId));
        var body = await RequestBodies.ReadJsonAsync(request, V2Json.Default.CreateAuthorizerBody, cancellationToken)
            ?? throw ManagementException.BadRequest("Request body is required.");
        var name = V2Input.Required(body.Name, "Name", 128);
        var type = V2Input.Required(body.AuthorizerType, "AuthorizerType");
        if (type != AuthorizerDefinition.Request)
        {
            throw ManagementException.BadRequest($"Invalid authorizer type {type}: WebSocket APIs support REQUEST authorizers.");
        }
        var uri = V2Input.Required(body.AuthorizerUri, "AuthorizerUri", 2048);
        var sources = body.IdentitySource ?? [];
        if (sources.Count > MaxIdentitySources || sources.Any(source => !IsIdentitySource(source)))
        {
            throw ManagementException.BadRequest(
                "Invalid identity source: use route.request.header.<name>, route.request.querystring.<name>, stageVariables.<name> or context.<name>.");
        }
        var ttl = body.AuthorizerResultTtlInSeconds ?? 0;
        if (ttl is < 0 or > AuthorizerDefinition.MaxResultTtlInSeconds)
        {
            throw ManagementException.BadRequest($"AuthorizerResultTtlInSeconds must be 0-{AuthorizerDefinition.MaxResultTtlInSeconds}.");
        }
        var created = await grain.CreateAuthorizer(new AuthorizerDefinition(
            string.Empty, name, type, uri, string.Join(", ", sources), null, ttl, [], null, [], null, false,
            V2Input.Optional(body.AuthorizerCredentialsArn, "AuthorizerCredentialsArn", 2048)));
        return TypedResults.Json(From(created), V2Json.Default.AuthorizerResponse, "application/json", StatusCodes.Status201Created);
    }

    private static async Task<IResult> List(string apiId, [FromServices] IGrainFactory grains)
    {
        var authorizers = await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).GetAuthorizers();
        return TypedResults.Json(new V2ItemsResponse<AuthorizerResponse>(authorizers.Select(From).ToList(), null),
            V2Json.Default.V2ItemsResponseAuthorizerResponse, "application/json");
    }

    private static bool IsIdentitySource(string source) =>
        source.Length is > 0 and <= 256
        && (source.StartsWith("route.request.header.", StringComparison.Ordinal)
            || source.StartsWith("route.request.querystring.", StringComparison.Ordinal)
            || source.StartsWith("stageVariables.", StringComparison.Ordinal)
            || source.StartsWith("context.", StringComparison.Ordinal))
        && !source.EndsWith('.');

    private static AuthorizerResponse From(AuthorizerDefinition authorizer) => new(
        authorizer.Id, authorizer.Name, authorizer.Type, authorizer.AuthorizerUri,
        string.IsNullOrEmpty(authorizer.IdentitySource) ? [] : authorizer.IdentitySource.Split(", "), authorizer.ResultTtlInSeconds);
}
