using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.Authorizers;

/// <summary>
/// Create/Get/Update/DeleteAuthorizer on <c>/restapis/{restApiId}/authorizers</c>. They change the
/// working definition only: as in API Gateway, a change is served from the next deployment.
/// </summary>
internal static class AuthorizerEndpoints
{
    private const string Collection = "/restapis/{restApiId}/authorizers";
    private const string Item = Collection + "/{authorizerId}";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost(Collection, Create);
        routes.MapGet(Collection, List);
        routes.MapGet(Item, Get);
        routes.MapPatch(Item, Update);
        routes.MapDelete(Item, Delete);
        TestInvokeAuthorizerEndpoint.Map(routes, Item);
    }

    private static async Task<IResult> Create(string restApiId, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var body = await RequestBodies.ReadJsonAsync(request, AuthorizersJson.Default.CreateAuthorizerBody, cancellationToken)
            ?? throw ManagementInput.Missing("createAuthorizerInput", "name");
        var created = await grains.GetGrain<IRestApiGrain>(id).CreateAuthorizer(body.ToDefinition());
        return TypedResults.Json(AuthorizerResponse.From(created), AuthorizersJson.Default.AuthorizerResponse, "application/json", StatusCodes.Status201Created);
    }

    private static async Task<IResult> List(string restApiId, HttpRequest request, [FromServices] IGrainFactory grains)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var page = PageRequest.From(request);
        var definition = await grains.GetGrain<IRestApiGrain>(id).GetDefinition();
        var ordered = definition.Authorizers.OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        var taken = Paging.Take(ordered, a => a.Id, page, StringComparer.Ordinal);
        var response = new ItemsResponse<AuthorizerResponse>([.. taken.Items.Select(AuthorizerResponse.From)], taken.Position);
        return TypedResults.Json(response, AuthorizersJson.Default.ItemsResponseAuthorizerResponse, "application/json");
    }

    private static async Task<IResult> Get(string restApiId, string authorizerId, [FromServices] IGrainFactory grains)
    {
        var authorizer = await FindAsync(grains, restApiId, authorizerId);
        return TypedResults.Json(AuthorizerResponse.From(authorizer), AuthorizersJson.Default.AuthorizerResponse, "application/json");
    }

    private static async Task<IResult> Update(string restApiId, string authorizerId, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var authorizer = AuthorizerInput.AuthorizerId(authorizerId);
        var body = await RequestBodies.ReadJsonAsync(request, AuthorizersJson.Default.PatchOperationsBody, cancellationToken);
        var updated = await grains.GetGrain<IRestApiGrain>(id).UpdateAuthorizer(authorizer, PatchOperationsBody.ToOperations(body));
        return TypedResults.Json(AuthorizerResponse.From(updated), AuthorizersJson.Default.AuthorizerResponse, "application/json");
    }

    private static async Task<IResult> Delete(string restApiId, string authorizerId, [FromServices] IGrainFactory grains)
    {
        var id = ManagementInput.RestApiId(restApiId);
        await grains.GetGrain<IRestApiGrain>(id).DeleteAuthorizer(AuthorizerInput.AuthorizerId(authorizerId));
        return TypedResults.StatusCode(StatusCodes.Status202Accepted);
    }

    /// <summary>The authorizer from the API's working definition, or 404.</summary>
    public static async Task<AuthorizerDefinition> FindAsync(IGrainFactory grains, string restApiId, string authorizerId)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var wanted = AuthorizerInput.AuthorizerId(authorizerId);
        var definition = await grains.GetGrain<IRestApiGrain>(id).GetDefinition();
        return definition.Authorizers.FirstOrDefault(a => a.Id == wanted) ?? throw AuthorizerInput.NotFound();
    }
}
