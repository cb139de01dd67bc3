using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansGateway.Edge.DataPlane.Waf.RateBased;

/// <summary>Registers the cluster-wide counting of WAF rate-based rules.</summary>
public static class WafRateServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IWafRateCounter"/> and its background flush, bound to
    /// <see cref="WafRateOptions.Section"/> and validated at start. Needs an <see cref="IGrainFactory"/>,
    /// an <c>EdgeIdentity</c> and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddWafRateCounting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WafRateOptions>()
            .Bind(configuration.GetSection(WafRateOptions.Section))
            .Validate(o => o.FlushInterval > TimeSpan.Zero && o.FlushInterval <= TimeSpan.FromSeconds(1),
                "Gateway:Waf:RateBased:FlushInterval must be more than 0 and at most 1 s (allowances live on heartbeats every second).")
            .Validate(o => o.FreeShare is > 0 and <= 0.5, "Gateway:Waf:RateBased:FreeShare must be in (0, 0.5].")
            .Validate(o => o.MaxTrackedKeys > 0, "Gateway:Waf:RateBased:MaxTrackedKeys must be positive.")
            .Validate(o => o.FallbackDuration > TimeSpan.Zero, "Gateway:Waf:RateBased:FallbackDuration must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WafRateShardClient>();
        services.TryAddSingleton<IWafRateShardClient>(sp => sp.GetRequiredService<WafRateShardClient>());
        services.TryAddSingleton<WafRateCounter>();
        services.TryAddSingleton<IWafRateCounter>(sp => sp.GetRequiredService<WafRateCounter>());
        services.AddHostedService<WafRateFlushService>();
        return services;
    }
}
