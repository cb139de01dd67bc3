namespace OrleansGateway.Edge.DataPlane.Authorization.Jwt;

/// <summary>
/// Settings for JWT and Cognito user pool authorizers (<c>Gateway:Authorizers:Jwt</c>). The defaults
/// follow API Gateway's documented limits (1.5 s discovery/JWKS timeouts, 150,000-byte JWKS).
/// </summary>
public sealed class JwtAuthorizerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Gateway:Authorizers:Jwt";

    /// <summary>Leeway for <c>exp</c>, <c>nbf</c> and <c>iat</c> (default 60 s, at most 5 min).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A token longer than this (in characters) is refused unparsed (default 16 KiB).</summary>
    public int MaxTokenLength { get; set; } = 16 * 1024;

    /// <summary>Timeout of one discovery or JWKS fetch (default 1.5 s, as API Gateway).</summary>
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>A discovery document or JWKS larger than this fails (default 150,000 bytes, as API Gateway).</summary>
    public int MaxMetadataBytes { get; set; } = 150_000;

    /// <summary>
    /// Least time between two refreshes forced by a token whose <c>kid</c> is not in the cached JWKS
    /// (default 30 s; at least 1 s), so forged <c>kid</c>s cannot make the gateway hammer the issuer.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long discovery and JWKS are kept before a background refresh (default 1 h; at least 5 min).</summary>
    public TimeSpan AutomaticRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest time a validated token is remembered edge-side (default 5 min; never past its <c>exp</c>; zero turns the cache off).</summary>
    public TimeSpan TokenCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most validated tokens remembered at once per edge (default 50,000).</summary>
    public int TokenCacheEntries { get; set; } = 50_000;

    /// <summary>
    /// Cognito user pool id (the part of the provider ARN after <c>userpool/</c>, e.g.
    /// <c>us-east-1_AbC123</c>) → issuer URL. Pools not listed use Amazon's issuer,
    /// <c>https://cognito-idp.{region}.amazonaws.com/{poolId}</c>.
    /// </summary>
    public Dictionary<string, string> UserPools { get; set; } = new(StringComparer.Ordinal);
}
