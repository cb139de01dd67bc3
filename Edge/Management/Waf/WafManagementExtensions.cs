using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansGateway.Edge.Management.Waf;

/// <summary>Registers the WAFv2 management operations.</summary>
internal static class WafManagementExtensions
{
    /// <summary>Registers what <see cref="WafJsonEndpoint"/> needs.</summary>
    public static IServiceCollection AddWafManagement(this IServiceCollection services)
    {
        services.TryAddSingleton<WafArns>();
        services.TryAddSingleton<WafDefinitionCheck>();
        services.TryAddSingleton<WafOperations>();
        return services;
    }
}
