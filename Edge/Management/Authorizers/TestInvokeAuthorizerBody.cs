namespace OrleansGateway.Edge.Management.Authorizers;

/// <summary>TestInvokeAuthorizer's body (API Gateway's <c>TestInvokeAuthorizerRequest</c>).</summary>
internal sealed record TestInvokeAuthorizerBody(
    Dictionary<string, string>? Headers,
    Dictionary<string, List<string>>? MultiValueHeaders,
    string? PathWithQueryString,
    string? Body,
    Dictionary<string, string>? StageVariables,
    Dictionary<string, string>? AdditionalContext)
{
    /// <summary>The input handed to <see cref="IAuthorizerTestInvoker"/>; absent maps become empty.</summary>
    public TestInvokeAuthorizerInput ToInput() => new(
        Headers ?? [],
        MultiValueHeaders?.ToDictionary(h => h.Key, h => (IReadOnlyList<string>)h.Value, StringComparer.OrdinalIgnoreCase) ?? [],
        PathWithQueryString,
        Body,
        StageVariables ?? [],
        AdditionalContext ?? []);
}
