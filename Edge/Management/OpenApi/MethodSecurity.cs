namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>A method's authorization as API Gateway derives it from <c>security</c>.</summary>
internal sealed record MethodSecurity(
    string AuthorizationType,
    string? AuthorizerId,
    bool ApiKeyRequired,
    IReadOnlyList<string> AuthorizationScopes)
{
    public static MethodSecurity None { get; } = new("NONE", null, false, []);
}
