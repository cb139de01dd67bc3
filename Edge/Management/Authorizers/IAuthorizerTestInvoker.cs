using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.Authorizers;

/// <summary>
/// Runs one authorizer for TestInvokeAuthorizer, outside any stage and without the result cache.
/// Optional: with no implementation registered, TestInvokeAuthorizer answers 400 BadRequestException.
/// An implementation that cannot test a given type throws <see cref="NotSupportedException"/>,
/// which is answered the same way.
/// </summary>
public interface IAuthorizerTestInvoker
{
    /// <summary>Calls <paramref name="authorizer"/> of API <paramref name="restApiId"/> with the simulated request.</summary>
    /// <param name="restApiId">The API the authorizer belongs to (for the method ARN).</param>
    /// <param name="authorizer">The authorizer as in the API's working (undeployed) definition.</param>
    /// <param name="input">The simulated request.</param>
    /// <param name="ct">Cancelled when the management caller goes away.</param>
    /// <returns>What the authorizer decided; <see cref="AuthorizerTestInvocation.ClientStatus"/> carries the outcome.</returns>
    Task<AuthorizerTestInvocation> InvokeAsync(string restApiId, AuthorizerDefinition authorizer, TestInvokeAuthorizerInput input, CancellationToken ct);
}
