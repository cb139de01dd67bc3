using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Management.Alarms;
using OrleansGateway.Edge.Management.Audit;

namespace OrleansGateway.Edge.Management.Events;

/// <summary>Wires alarms (CloudWatch), event rules (EventBridge) and webhook delivery.</summary>
public static class EventsServiceCollectionExtensions
{
    /// <summary>Registers metric capture, the CloudWatch and EventBridge APIs, change events and webhook delivery (<c>Gateway:Events</c>).</summary>
    public static IServiceCollection AddAlarmsAndEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidation>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.Configure<AlarmOptions>(configuration.GetSection(AlarmOptions.Section));
        services.AddSingleton<AlarmMetricRecorder>();
        services.AddHostedService<AlarmMeterSource>();
        services.AddHostedService<AlarmMetricPublisher>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<EventPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<EventPublisher>());
        services.AddHostedService<AlarmNotificationPump>();
        services.AddSingleton<IManagementCallListener, ManagementChangeEvents>();
        services.AddSingleton<IAwsJsonService, CloudWatchService>();
        services.AddSingleton<IAwsJsonService, EventBridgeService>();
        return services;
    }

    /// <summary>Counts each data-plane request for alarms; goes before the data plane's own middleware.</summary>
    public static IApplicationBuilder UseAlarmMetrics(this IApplicationBuilder app) =>
        app.UseMiddleware<AlarmMetricCaptureMiddleware>();
}
