using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>Wires SigV4 authentication (service <c>apigateway</c>) in front of the management API.</summary>
public static class ManagementSigV4Extensions
{
    /// <summary>Registers the admin credentials (<see cref="AdminCredentialsOptions"/>) and the clock the verifier uses.</summary>
    public static IServiceCollection AddManagementSigV4(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AdminCredentialsOptions>(configuration.GetSection(AdminCredentialsOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// Rejects every request that is not signed by the admin key (403 in AWS's error shape, 413 for
    /// bodies over 8 MiB); verified requests carry <see cref="ISigV4CallerFeature"/>.
    /// </summary>
    public static IApplicationBuilder UseManagementSigV4(this IApplicationBuilder app) =>
        app.UseMiddleware<ManagementSigV4Middleware>();
}
