using OrleansGateway.Edge.ApiKeys;
using OrleansGateway.Edge.Hosting;

namespace OrleansGateway.Edge.DataPlane.Integrations.ClientCertificates;

/// <summary>Registers the client certificate key cipher and the edge's certificate store.</summary>
internal static class ClientCertificateServiceCollectionExtensions
{
    /// <summary>
    /// The cipher is keyed by the gateway secret <c>Gateway:ApiKeys:Secret</c> (read, and in cluster
    /// mode required, at start by <c>AddApiKeys</c>); it is resolved on first use so the secret is
    /// read once the dev-mode file exists.
    /// </summary>
    public static IServiceCollection AddClientCertificates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ =>
        {
            var gateway = configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new();
            return new ClientCertificateKeyCipher(ApiKeySecret.Load(configuration, gateway.Mode == GatewayMode.Dev));
        });
        services.AddSingleton<ClientCertificateStore>();
        return services;
    }
}
