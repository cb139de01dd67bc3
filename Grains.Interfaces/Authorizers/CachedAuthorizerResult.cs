namespace OrleansGateway.Grains.Interfaces.Authorizers;

/// <summary>
/// What a Lambda-style authorizer answered for one identity, held until <paramref name="ExpiresAt"/>.
/// The policy is kept as JSON and evaluated by each edge against the method ARN of every request,
/// cache hits included, as API Gateway does.
/// </summary>
/// <param name="PrincipalId">The response's <c>principalId</c>.</param>
/// <param name="PolicyJson">The response's <c>policyDocument</c> as JSON (null for simple responses).</param>
/// <param name="Context">The response's <c>context</c>, values stringified.</param>
/// <param name="UsageIdentifierKey">The response's <c>usageIdentifierKey</c> (an API key value; never logged).</param>
/// <param name="IsAuthorized">A simple (payload 2.0) response's <c>isAuthorized</c>; null for policy responses.</param>
/// <param name="ExpiresAt">When the result stops being valid anywhere in the cluster.</param>
[GenerateSerializer, Immutable, Alias("og.CachedAuthorizerResult")]
public sealed record CachedAuthorizerResult(
    [property: Id(0)] string? PrincipalId,
    [property: Id(1)] string? PolicyJson,
    [property: Id(2)] IReadOnlyDictionary<string, string> Context,
    [property: Id(3)] string? UsageIdentifierKey,
    [property: Id(4)] bool? IsAuthorized,
    [property: Id(5)] DateTimeOffset ExpiresAt)
{
    /// <summary>Leaves the API key value out of anything that prints the record.</summary>
    public override string ToString() =>
        $"CachedAuthorizerResult {{ PrincipalId = {PrincipalId}, IsAuthorized = {IsAuthorized}, ExpiresAt = {ExpiresAt:O} }}";
}
