using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansGateway.Edge.Waf;

/// <summary>Registers the edge's WAF state: the store and the service that keeps it in step with the cluster.</summary>
public static class WafStateExtensions
{
    /// <summary>Registers <see cref="WafStateStore"/> and its sync service.</summary>
    public static IServiceCollection AddWafState(this IServiceCollection services)
    {
        services.TryAddSingleton<WafStateStore>();
        services.AddHostedService<WafSyncService>();
        return services;
    }
}
