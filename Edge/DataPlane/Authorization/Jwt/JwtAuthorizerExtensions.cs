namespace OrleansGateway.Edge.DataPlane.Authorization.Jwt;

/// <summary>Registers the JWT / Cognito user pool authorizer.</summary>
public static class JwtAuthorizerExtensions
{
    /// <summary>Adds <see cref="JwtMethodAuthorizer"/> and its options (<c>Gateway:Authorizers:Jwt</c>).</summary>
    public static IServiceCollection AddJwtAuthorizers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JwtAuthorizerOptions>()
            .Bind(configuration.GetSection(JwtAuthorizerOptions.Section))
            .Validate(o => o.ClockSkew >= TimeSpan.Zero && o.ClockSkew <= TimeSpan.FromMinutes(5), "Gateway:Authorizers:Jwt:ClockSkew must be from 0 to 5 minutes.")
            .Validate(o => o.MaxTokenLength is > 0 and <= 64 * 1024, "Gateway:Authorizers:Jwt:MaxTokenLength must be from 1 to 65536.")
            .Validate(o => o.MetadataTimeout > TimeSpan.Zero && o.MaxMetadataBytes > 0, "Gateway:Authorizers:Jwt:MetadataTimeout and MaxMetadataBytes must be positive.")
            .Validate(o => o.RefreshInterval >= TimeSpan.FromSeconds(1), "Gateway:Authorizers:Jwt:RefreshInterval must be at least 1 second.")
            .Validate(o => o.AutomaticRefreshInterval >= TimeSpan.FromMinutes(5), "Gateway:Authorizers:Jwt:AutomaticRefreshInterval must be at least 5 minutes.")
            .Validate(o => o.TokenCacheDuration >= TimeSpan.Zero && o.TokenCacheEntries > 0, "Gateway:Authorizers:Jwt:TokenCacheDuration must not be negative and TokenCacheEntries must be positive.")
            .ValidateOnStart();
        services.AddSingleton<IssuerMetadata>();
        services.AddSingleton<JwtTokenValidator>();
        services.AddSingleton<JwtMethodAuthorizer>();
        services.AddSingleton<IMethodAuthorizer>(sp => sp.GetRequiredService<JwtMethodAuthorizer>());
        return services;
    }
}
