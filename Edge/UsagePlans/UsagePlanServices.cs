using Microsoft.Extensions.Options;

namespace OrleansGateway.Edge.UsagePlans;

/// <summary>Registers what the data plane needs to enforce API keys, usage plans and throttles.</summary>
public static class UsagePlanServices
{
    /// <summary>
    /// The plan table, the key resolver and the throttle options. The leases themselves
    /// (<c>AddUsageLeases</c>) and the key hasher (<c>AddApiKeys</c>) are registered by their own areas.
    /// </summary>
    public static IServiceCollection AddUsagePlanEnforcement(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiKeyCacheOptions>()
            .Bind(configuration.GetSection(ApiKeyCacheOptions.Section))
            .Validate(o => o.MaxEntries > 0 && o.KnownKeyLifetime > TimeSpan.Zero && o.UnknownKeyLifetime > TimeSpan.Zero,
                "Gateway:ApiKeys:Cache: MaxEntries and both lifetimes must be positive.")
            .ValidateOnStart();
        services.AddOptions<ThrottlingOptions>()
            .Bind(configuration.GetSection(ThrottlingOptions.Section))
            .Validate(o => double.IsFinite(o.AccountRateLimit) && o.AccountRateLimit > 0 && o.AccountBurstLimit > 0,
                "Gateway:Throttling: AccountRateLimit and AccountBurstLimit must be positive numbers.")
            .ValidateOnStart();
        services.AddSingleton<UsagePlanTableStore>();
        services.AddSingleton<ApiKeyResolver>();
        services.AddSingleton<ApiKeyChangeTracker>();
        return services;
    }
}
