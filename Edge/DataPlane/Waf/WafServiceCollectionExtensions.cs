using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.Waf.Geo;
using OrleansGateway.Edge.DataPlane.Waf.Inspection;
using OrleansGateway.Edge.DataPlane.Waf.RateBased;

namespace OrleansGateway.Edge.DataPlane.Waf;

/// <summary>Registers the WAF engine on the data plane.</summary>
public static class WafServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="WafOptions"/>, opens the country database when one is configured, and
    /// registers the inspector routing calls. <see cref="IWebAclSource"/> defaults to "no web ACL
    /// on any stage" until the cluster's WAF state registers its own.
    /// </summary>
    public static IServiceCollection AddWaf(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WafOptions>()
            .Bind(configuration.GetSection(WafOptions.Section))
            .Validate(options => options.BodyInspectionLimitBytes is > 0 and <= 1024 * 1024, "Gateway:Waf:BodyInspectionLimitBytes must be 1-1048576.")
            .Validate(options => options.GeoIpDatabase is null || File.Exists(options.GeoIpDatabase), "Gateway:Waf:GeoIpDatabase names a file that does not exist.")
            .ValidateOnStart();
        services.TryAddSingleton<IWebAclSource, NoWebAcls>();
        services.TryAddSingleton<ICountryLookup>(provider =>
            provider.GetRequiredService<IOptions<WafOptions>>().Value.GeoIpDatabase is { } path
                ? new GeoIpCountryLookup(path)
                : new NoCountryDatabase());
        services.TryAddSingleton(provider => new WafRuntime(
            provider.GetService<IWafRateCounter>(),
            provider.GetRequiredService<ICountryLookup>(),
            provider.GetRequiredService<IOptions<WafOptions>>().Value.CountryHeader));
        services.TryAddSingleton<WafMetrics>();
        services.TryAddSingleton<WafInspector>();
        return services;
    }
}
