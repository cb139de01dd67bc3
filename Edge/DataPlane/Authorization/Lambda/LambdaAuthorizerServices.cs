namespace OrleansGateway.Edge.DataPlane.Authorization.Lambda;

/// <summary>Registers Lambda-style (TOKEN / REQUEST) authorizers.</summary>
public static class LambdaAuthorizerServices
{
    /// <summary>The <see cref="IMethodAuthorizer"/> for CUSTOM methods with TOKEN or REQUEST authorizers, its cache and its function client.</summary>
    public static IServiceCollection AddLambdaAuthorizers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LambdaAuthorizerOptions>()
            .Bind(configuration.GetSection(LambdaAuthorizerOptions.Section))
            .Validate(o => o.CallTimeout > TimeSpan.Zero && o.CallTimeout <= LambdaAuthorizerOptions.MaxCallTimeout, "Gateway:Authorizers:CallTimeout must be more than 0 and at most 20 s.")
            .Validate(o => o.MaxCachedResults > 0, "Gateway:Authorizers:MaxCachedResults must be positive.")
            .Validate(o => o.BreakerFailureRatio is > 0 and <= 1, "Gateway:Authorizers:BreakerFailureRatio must be in (0, 1].")
            .Validate(o => o.BreakerMinimumThroughput >= 2, "Gateway:Authorizers:BreakerMinimumThroughput must be at least 2.")
            .Validate(o => o.BreakerSamplingDuration >= TimeSpan.FromMilliseconds(500) && o.BreakerBreakDuration >= TimeSpan.FromMilliseconds(500),
                "Gateway:Authorizers:BreakerSamplingDuration and BreakerBreakDuration must be at least 500 ms.")
            .ValidateOnStart();
        services.AddSingleton<AuthorizerFunctionClient>();
        services.AddSingleton<AuthorizerResultCache>();
        services.AddSingleton<IMethodAuthorizer, LambdaMethodAuthorizer>();
        services.AddSingleton<Management.Authorizers.IAuthorizerTestInvoker, LambdaAuthorizerTestInvoker>();
        return services;
    }
}
