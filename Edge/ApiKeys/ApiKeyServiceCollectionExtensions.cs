using OrleansGateway.Edge.Hosting;
using OrleansGateway.Grains.Interfaces.ApiKeys;

namespace OrleansGateway.Edge.ApiKeys;

/// <summary>Registers the API key value hasher and cipher.</summary>
public static class ApiKeyServiceCollectionExtensions
{
    /// <summary>
    /// Loads the API key secret (generating it in dev mode) and registers <see cref="ApiKeyValueHash"/>
    /// (data plane lookups and management) and <see cref="ApiKeyValueCipher"/> (management only).
    /// </summary>
    public static IServiceCollection AddApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var gateway = configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new();
        var secret = ApiKeySecret.Load(configuration, gateway.Mode == GatewayMode.Dev);
        return services.AddApiKeys(secret);
    }

    /// <summary>Registers both from an explicit secret (tests, embedding hosts).</summary>
    public static IServiceCollection AddApiKeys(this IServiceCollection services, byte[] secret)
    {
        services.AddSingleton(new ApiKeyValueHash(secret));
        services.AddSingleton(new ApiKeyValueCipher(secret));
        return services;
    }
}
