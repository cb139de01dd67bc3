using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>Registers the edge's throttle and quota leases and usage metering.</summary>
public static class UsageLeaseServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IThrottleLeases"/>, <see cref="IQuotaLeases"/>, <see cref="IUsageRecorder"/> and
    /// their background flush/eviction, bound to <see cref="UsageLeaseOptions.Section"/>. Needs an
    /// <see cref="IGrainFactory"/>, an <c>EdgeIdentity</c> and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddUsageLeases(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<UsageLeaseOptions>()
            .Bind(configuration.GetSection(UsageLeaseOptions.Section))
            .Validate(o => o.ThrottleBatchInterval > TimeSpan.Zero && o.ThrottleBatchInterval <= TimeSpan.FromMilliseconds(500),
                "Gateway:Leases:ThrottleBatchInterval must be more than 0 and at most 500 ms (renewals ride it, and a throttle grant lives 1 s).")
            .Validate(o => o.MaxQuotaLeases >= 1, "Gateway:Leases:MaxQuotaLeases must be at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ThrottleLeaseClient>();
        services.TryAddSingleton<QuotaLeaseClient>();
        services.TryAddSingleton<ThrottleLeases>();
        services.TryAddSingleton<QuotaLeases>();
        services.TryAddSingleton<UsageRecorder>();
        services.TryAddSingleton<IThrottleLeases>(sp => sp.GetRequiredService<ThrottleLeases>());
        services.TryAddSingleton<IQuotaLeases>(sp => sp.GetRequiredService<QuotaLeases>());
        services.TryAddSingleton<IUsageRecorder>(sp => sp.GetRequiredService<UsageRecorder>());
        services.AddHostedService<LeaseMaintenanceService>();
        return services;
    }
}
