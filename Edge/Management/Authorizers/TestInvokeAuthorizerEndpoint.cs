using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Authorizers;

/// <summary>
/// TestInvokeAuthorizer: <c>POST /restapis/{restApiId}/authorizers/{authorizerId}</c> →
/// TestInvokeAuthorizerResponse. Runs the authorizer of the working (undeployed) definition, as API
/// Gateway does, through the registered <see cref="IAuthorizerTestInvoker"/>.
/// </summary>
internal static class TestInvokeAuthorizerEndpoint
{
    public static void Map(IEndpointRouteBuilder routes, string pattern) => routes.MapPost(pattern, Handle);

    private static async Task<IResult> Handle(
        string restApiId, string authorizerId, HttpRequest request, [FromServices] IServiceProvider services, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var authorizer = await AuthorizerEndpoints.FindAsync(grains, restApiId, authorizerId);
        var body = await RequestBodies.ReadJsonAsync(request, AuthorizersJson.Default.TestInvokeAuthorizerBody, cancellationToken);
        var input = (body ?? new TestInvokeAuthorizerBody(null, null, null, null, null, null)).ToInput();
        var unsupported = ManagementException.BadRequest($"TestInvokeAuthorizer is not supported for authorizer type {authorizer.Type}");
        if (services.GetService<IAuthorizerTestInvoker>() is not { } invoker)
        {
            throw unsupported;
        }
        AuthorizerTestInvocation invocation;
        try
        {
            invocation = await invoker.InvokeAsync(restApiId, authorizer, input, cancellationToken);
        }
        catch (NotSupportedException)
        {
            throw unsupported;
        }
        return TypedResults.Json(TestInvokeAuthorizerResponse.From(invocation), AuthorizersJson.Default.TestInvokeAuthorizerResponse, "application/json");
    }
}
