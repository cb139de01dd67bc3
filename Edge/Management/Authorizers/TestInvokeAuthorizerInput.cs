namespace OrleansGateway.Edge.Management.Authorizers;

/// <summary>
/// The simulated request of TestInvokeAuthorizer (API Gateway's <c>TestInvokeAuthorizerRequest</c>).
/// Every member is bounded by the management API's 64 KiB body limit; maps are never null.
/// </summary>
/// <param name="Headers">Single-value headers, e.g. the token header of a TOKEN authorizer.</param>
/// <param name="MultiValueHeaders">Multi-value headers.</param>
/// <param name="PathWithQueryString">The request path and query, e.g. <c>/pets?limit=1</c>; null for <c>/</c>.</param>
/// <param name="Body">The request body, if any.</param>
/// <param name="StageVariables">Stage variables for identity sources and the authorizer URI.</param>
/// <param name="AdditionalContext">Extra <c>$context</c> values.</param>
public sealed record TestInvokeAuthorizerInput(
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, IReadOnlyList<string>> MultiValueHeaders,
    string? PathWithQueryString,
    string? Body,
    IReadOnlyDictionary<string, string> StageVariables,
    IReadOnlyDictionary<string, string> AdditionalContext);
