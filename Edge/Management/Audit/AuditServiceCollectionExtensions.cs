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
        services.AddSingleton(sp => new AuditRecorder(sp.GetRequiredService<AuditTrail>(),
            AuditTrailComposition.Spool(configuration, sp.GetRequiredService<IOptions<AuditOptions>>().Value), sp.GetRequiredService<ILogger<AuditRecorder>>()));
        services.AddHostedService<AuditSpoolDrain>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AuditOptions>>().Value;
            return new RefusedCallLimiter(options.RefusedCallsPerSource, options.RefusedCallsTotal,
                TimeSpan.FromSeconds(options.RefusedCallsWindowSeconds), sp.GetRequiredService<TimeProvider>());
        });
        services.AddHostedService(sp => new RefusedCallSummaryWriter(sp.GetRequiredService<RefusedCallLimiter>(), sp.GetRequiredService<AuditRecorder>(),
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<AuditOptions>>().Value.RefusedCallsWindowSeconds), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<IAwsJsonService, CloudTrailService>();
        services.AddConfigurationHistory();
        return services;
    }

    /// <summary>Records calls the SigV4 middleware refuses (bounded per source); goes right before it.</summary>
    public static IApplicationBuilder UseManagementRefusalAudit(this IApplicationBuilder app) =>
        app.UseMiddleware<ManagementRefusalAuditMiddleware>();

    /// <summary>Records every authenticated call; goes right after the SigV4 middleware.</summary>
    public static IApplicationBuilder UseManagementAudit(this IApplicationBuilder app) =>
        app.UseMiddleware<ManagementAuditMiddleware>();
}
