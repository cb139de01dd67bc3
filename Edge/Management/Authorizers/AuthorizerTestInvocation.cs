namespace OrleansGateway.Edge.Management.Authorizers;

/// <summary>What an authorizer decided in TestInvokeAuthorizer (API Gateway's <c>TestInvokeAuthorizerResponse</c>).</summary>
/// <param name="ClientStatus">The status the caller would have got: 200 allowed, 401, 403, 500.</param>
/// <param name="Log">The execution log text.</param>
/// <param name="Latency">How long the call took, in milliseconds.</param>
/// <param name="PrincipalId">The principal the authorizer returned, if any.</param>
/// <param name="Policy">The returned policy document as JSON text, if any.</param>
/// <param name="Authorization">The authorizer's context, values as lists (API Gateway's <c>authorization</c>).</param>
/// <param name="Claims">Token claims (Cognito/JWT authorizers), if any.</param>
public sealed record AuthorizerTestInvocation(
    int ClientStatus,
    string? Log,
    long Latency,
    string? PrincipalId,
    string? Policy,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Authorization,
    IReadOnlyDictionary<string, string>? Claims);
