using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.Waf;
using OrleansGateway.Edge.Hosting;

namespace OrleansGateway.Edge.Waf;

/// <summary>Registers the edge's WAF state: the store, the service that keeps it in step with the cluster, and the data plane's web ACL source.</summary>
public static class WafStateExtensions
{
    /// <summary>
    /// Registers <see cref="WafStateStore"/>, its sync service, and the store as the data plane's
    /// <see cref="IWebAclSource"/> (replacing the engine's "no web ACL" default).
    /// </summary>
    public static IServiceCollection AddWafState(this IServiceCollection services)
    {
        services.TryAddSingleton<WafStateStore>();
        services.TryAddSingleton(provider => new WafCompileOptions { AccountId = provider.GetRequiredService<IOptions<GatewayOptions>>().Value.AccountId });
        services.RemoveAll<IWebAclSource>();
        services.AddSingleton<IWebAclSource, WafStateWebAclSource>();
        services.AddHostedService<WafSyncService>();
        return services;
    }
}
