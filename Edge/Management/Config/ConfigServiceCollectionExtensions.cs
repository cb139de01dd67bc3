using OrleansGateway.Edge.Management.Audit;

namespace OrleansGateway.Edge.Management.Config;

/// <summary>Wires configuration history, rules and remediation into the management listener.</summary>
public static class ConfigServiceCollectionExtensions
{
    /// <summary>Registers the recorder (a management call listener), the rule engine and AWS Config's API.</summary>
    public static IServiceCollection AddConfigurationHistory(this IServiceCollection services)
    {
        services.AddSingleton<ConfigurationReader>();
        services.AddSingleton<ConfigRuleEngine>();
        services.AddSingleton<ConfigRemediation>();
        services.AddSingleton<IManagementCallListener, ConfigurationRecorder>();
        services.AddSingleton<IAwsJsonService, ConfigService>();
        return services;
    }
}
