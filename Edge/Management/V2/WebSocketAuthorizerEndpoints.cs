using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.Management.V2;

/// <summary>CreateAuthorizer, GetAuthorizers, GetAuthorizer, UpdateAuthorizer, DeleteAuthorizer: REQUEST authorizers for <c>$connect</c>.</summary>
internal static class WebSocketAuthorizerEndpoints
{
    private const int MaxIdentitySources = 10;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v2/apis/{apiId}/authorizers", Create);
        routes.MapGet("/v2/apis/{apiId}/authorizers", List);
        routes.MapGet("/v2/apis/{apiId}/authorizers/{authorizerId}", Get);
        routes.MapMethods("/v2/apis/{apiId}/authorizers/{authorizerId}", [HttpMethods.Patch], Update);
        routes.MapDelete("/v2/apis/{apiId}/authorizers/{authorizerId}", Delete);
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
        var created = await grain.CreateAuthorizer(new AuthorizerDefinition(
            string.Empty, name, type, V2Input.Required(body.AuthorizerUri, "AuthorizerUri", 2048), IdentitySources(body.IdentitySource ?? []),
            null, Ttl(body.AuthorizerResultTtlInSeconds ?? 0), [], null, [], null, false,
            V2Input.Optional(body.AuthorizerCredentialsArn, "AuthorizerCredentialsArn", 2048)));
        return TypedResults.Json(From(created), V2Json.Default.AuthorizerResponse, "application/json", StatusCodes.Status201Created);
    }

    private static async Task<IResult> List(string apiId, [FromServices] IGrainFactory grains)
    {
        var authorizers = await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).GetAuthorizers();
        return TypedResults.Json(new V2ItemsResponse<AuthorizerResponse>(authorizers.Select(From).ToList(), null),
            V2Json.Default.V2ItemsResponseAuthorizerResponse, "application/json");
    }

    private static async Task<IResult> Get(string apiId, string authorizerId, [FromServices] IGrainFactory grains)
    {
        var authorizer = await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).GetAuthorizer(V2Input.ResourceId(authorizerId, "Authorizer"));
        return TypedResults.Json(From(authorizer), V2Json.Default.AuthorizerResponse, "application/json");
    }

    /// <summary>UpdateAuthorizer: members present replace the authorizer's (only REQUEST, as on create).</summary>
    private static async Task<IResult> Update(string apiId, string authorizerId, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId));
        var body = await RequestBodies.ReadJsonAsync(request, V2Json.Default.CreateAuthorizerBody, cancellationToken)
            ?? throw ManagementException.BadRequest("Request body is required.");
        var current = await grain.GetAuthorizer(V2Input.ResourceId(authorizerId, "Authorizer"));
        if (body.AuthorizerType is { } type && type != AuthorizerDefinition.Request)
        {
            throw ManagementException.BadRequest($"Invalid authorizer type {type}: WebSocket APIs support REQUEST authorizers.");
        }
        var updated = await grain.UpdateAuthorizer(current with
        {
            Name = body.Name is null ? current.Name : V2Input.Required(body.Name, "Name", 128),
            AuthorizerUri = body.AuthorizerUri is null ? current.AuthorizerUri : V2Input.Required(body.AuthorizerUri, "AuthorizerUri", 2048),
            IdentitySource = body.IdentitySource is null ? current.IdentitySource : IdentitySources(body.IdentitySource),
            ResultTtlInSeconds = body.AuthorizerResultTtlInSeconds is { } ttl ? Ttl(ttl) : current.ResultTtlInSeconds,
            AuthorizerCredentials = body.AuthorizerCredentialsArn is null
                ? current.AuthorizerCredentials
                : V2Input.Optional(body.AuthorizerCredentialsArn, "AuthorizerCredentialsArn", 2048),
        });
        return TypedResults.Json(From(updated), V2Json.Default.AuthorizerResponse, "application/json");
    }

    private static async Task<IResult> Delete(string apiId, string authorizerId, [FromServices] IGrainFactory grains)
    {
        await grains.GetGrain<IWebSocketApiGrain>(V2Input.ApiId(apiId)).DeleteAuthorizer(V2Input.ResourceId(authorizerId, "Authorizer"));
        return TypedResults.NoContent();
    }

    /// <summary>The identity sources as stored (<c>", "</c>-joined, as REST authorizers), or 400.</summary>
    private static string IdentitySources(List<string> sources)
    {
        if (sources.Count > MaxIdentitySources || sources.Any(source => !IsIdentitySource(source)))
        {
            throw ManagementException.BadRequest(
                "Invalid identity source: use route.request.header.<name>, route.request.querystring.<name>, stageVariables.<name> or context.<name>.");
        }
        return string.Join(", ", sources);
    }

    private static int Ttl(int ttl) =>
        ttl is < 0 or > AuthorizerDefinition.MaxResultTtlInSeconds
            ? throw ManagementException.BadRequest($"AuthorizerResultTtlInSeconds must be 0-{AuthorizerDefinition.MaxResultTtlInSeconds}.")
            : ttl;

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
