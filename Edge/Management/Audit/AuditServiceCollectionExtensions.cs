using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Management.Config;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>Wires the audit trail into the management listener.</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>Registers the trail (store, signer, verifier), CloudTrail's LookupEvents and their settings (<c>Gateway:Audit</c>).</summary>
    public static IServiceCollection AddManagementAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidation>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => AuditTrailComposition.Store(configuration, sp.GetRequiredService<IOptions<AuditOptions>>().Value));
        services.AddSingleton(sp => AuditTrailComposition.Signer(configuration, sp.GetRequiredService<IOptions<AuditOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AuditOptions>>().Value;
            return new AuditSettings(configuration["Gateway:AccountId"] ?? "000000000000", options.DigestEvery, options.AdminUserName,
                options.MaxParameterBytes, options.MaxScanPerLookup);
        });
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<IAwsJsonService, CloudTrailService>();
        services.AddConfigurationHistory();
        return services;
    }

    /// <summary>Records every authenticated call; goes right after the SigV4 middleware.</summary>
    public static IApplicationBuilder UseManagementAudit(this IApplicationBuilder app) =>
        app.UseMiddleware<ManagementAuditMiddleware>();
}
