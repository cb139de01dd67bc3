using OrleansGateway.Edge.DataPlane.Integrations.ClientCertificates;

namespace OrleansGateway.Edge.DataPlane.Integrations.Resilience;

/// <summary>Registers circuit breakers, retries and backend certificate verification.</summary>
internal static class BackendResilienceExtensions
{
    /// <summary>Binds <c>Gateway:Backends</c> and registers the breakers, invokers and trust store.</summary>
    public static IServiceCollection AddBackendResilience(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackendResilienceOptions>()
            .Bind(configuration.GetSection(BackendResilienceOptions.Section))
            .Validate(options => options.TrustStorePath is not { Length: > 0 } path || File.Exists(path),
                "Gateway:Backends:TrustStorePath names a file that does not exist.")
            .Validate(options => options.TrustStores.All(store => store.Key.Length is > 0 and <= 128 && File.Exists(store.Value)),
                "Gateway:Backends:TrustStores: every entry must name a file that exists.")
            .ValidateOnStart();
        services.AddSingleton<BackendTrustStore>();
        services.AddSingleton<BackendCircuitBreakers>();
        services.AddSingleton<BackendInvokers>();
        services.AddClientCertificates(configuration);
        return services;
    }
}
