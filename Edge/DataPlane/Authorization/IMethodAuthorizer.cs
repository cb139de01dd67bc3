using OrleansGateway.Edge.DataPlane.Pipeline;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.DataPlane.Authorization;

/// <summary>
/// One kind of method authorization (Lambda-style, JWT/Cognito, IAM). Registered as a singleton;
/// <see cref="AuthorizationMiddleware"/> picks the one whose <see cref="Handles"/> matches the method.
/// Implementations must answer from edge-held state in the steady state (caches, leases), and must
/// turn every failure into an <see cref="AuthorizationResult"/>, never an exception.
/// </summary>
public interface IMethodAuthorizer
{
    /// <summary>
    /// True for the methods this authorizer serves: by <paramref name="authorizationType"/>
    /// (<c>AWS_IAM</c>, <c>CUSTOM</c>, <c>COGNITO_USER_POOLS</c>, <c>JWT</c>) and, for the types with
    /// one, the authorizer's <see cref="AuthorizerDefinition.Type"/>.
    /// </summary>
    bool Handles(string authorizationType, AuthorizerDefinition? authorizer);

    /// <summary>Authenticates the request (and evaluates the policy that comes with the identity, if any).</summary>
    ValueTask<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken);
}

/// <summary>Everything an <see cref="IMethodAuthorizer"/> needs about one request.</summary>
/// <param name="Context">The HTTP request (headers, query, connection, client certificate).</param>
/// <param name="Request">The matched API, stage, resource and method.</param>
/// <param name="Authorizer">The method's authorizer (null for AWS_IAM).</param>
/// <param name="MethodArn"><c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}</c> for this request.</param>
public sealed record AuthorizationRequest(
    HttpContext Context,
    ExecuteApiRequest Request,
    AuthorizerDefinition? Authorizer,
    string MethodArn);
