namespace OrleansGateway.Edge.Management.Authorizers;

/// <summary>API Gateway's <c>TestInvokeAuthorizerResponse</c>.</summary>
internal sealed record TestInvokeAuthorizerResponse(
    int ClientStatus,
    string? Log,
    long Latency,
    string? PrincipalId,
    string? Policy,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Authorization,
    IReadOnlyDictionary<string, string>? Claims)
{
    /// <summary>Maps an invocation.</summary>
    public static TestInvokeAuthorizerResponse From(AuthorizerTestInvocation invocation) => new(
        invocation.ClientStatus,
        invocation.Log,
        invocation.Latency,
        invocation.PrincipalId,
        invocation.Policy,
        invocation.Authorization,
        invocation.Claims);
}
