using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OrleansGateway.Edge.DataPlane.Authorization;
using OrleansGateway.Edge.Observability.ExecutionLogs;
using OrleansGateway.Edge.Observability.Metrics;
using OrleansGateway.Edge.Observability.Tracing;
using OrleansGateway.Edge.UsagePlans.Leases;

namespace OrleansGateway.Edge.Observability;

/// <summary>Registers and runs metrics, tracing and execution logs.</summary>
public static class ObservabilityExtensions
{
    /// <summary>
    /// Binds <c>Gateway:Observability</c>; wires OpenTelemetry (the gateway's meters and activity
    /// sources, ASP.NET Core's and Orleans' spans, the Prometheus exporter and OTLP when an endpoint
    /// is set) and the execution-log queue and writer; wraps the authorizers and the leases so they
    /// show as spans. Call after the services it wraps are registered.
    /// </summary>
    public static IServiceCollection AddGatewayObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ObservabilityOptions>()
            .Bind(configuration.GetSection(ObservabilityOptions.Section))
            .Validate(o => o.Tracing.SampleRatio is >= 0 and <= 1, "Gateway:Observability:Tracing:SampleRatio must be between 0 and 1.")
            .Validate(o => o.ExecutionLogs.QueueCapacity > 0 && o.ExecutionLogs.MaxBodyBytes is > 0 and <= 16 * 1024 * 1024,
                "Gateway:Observability:ExecutionLogs: QueueCapacity must be positive, MaxBodyBytes 1 to 16 MiB.")
            .Validate(o => o.Prometheus.Path.StartsWith('/'), "Gateway:Observability:Prometheus:Path must start with '/'.")
            .Validate(o => o.Otlp.Endpoint is null || o.Otlp.Endpoint.IsAbsoluteUri, "Gateway:Observability:Otlp:Endpoint must be an absolute URI.")
            .Validate(o => o.Otlp.Protocol is "grpc" or "http/protobuf", "Gateway:Observability:Otlp:Protocol must be grpc or http/protobuf.")
            .Validate(o => o.Otlp.MetricExportIntervalSeconds is >= 1 and <= 3600, "Gateway:Observability:Otlp:MetricExportIntervalSeconds must be between 1 and 3600.")
            .ValidateOnStart();
        var options = configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>() ?? new();

        services.TryAddSingleton<ApiGatewayMetrics>();
        services.TryAddSingleton(sp => new ExecutionLogQueue(sp.GetRequiredService<IOptions<ObservabilityOptions>>().Value.ExecutionLogs.QueueCapacity));
        services.AddHostedService<ExecutionLogWriter>();

        if (!options.Enabled)
        {
            return services;
        }
        // The last registration of a service is the one resolved: these wrap what AddUsageLeases registered.
        services.AddSingleton<IThrottleLeases>(sp => new TracedThrottleLeases(sp.GetRequiredService<ThrottleLeases>()));
        services.AddSingleton<IQuotaLeases>(sp => new TracedQuotaLeases(sp.GetRequiredService<QuotaLeases>()));
        WrapAuthorizers(services);
        services.TryAddSingleton<ClusterMembershipProbe>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterMembershipProbe>());
        services.TryAddSingleton<EdgeStateMetrics>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("orleans-gateway-edge"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ApiGatewayMetrics.MeterName, GatewayMetrics.MeterName, EdgeStateMetrics.MeterName,
                    DataPlane.Waf.Inspection.WafMetrics.MeterName, DataPlane.AccessLogs.AccessLogQueue.MeterName,
                    WebSockets.WebSocketMetrics.MeterName, Management.Audit.AuditMetrics.MeterName);
                if (options.Prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter(o =>
                    {
                        o.ScrapeEndpointPath = options.Prometheus.Path;
                        // Every scrape reads the counters as they are now: the exporter's default
                        // 300 ms response cache made two scrapes a moment apart disagree with what had
                        // happened between them. Scrapers call every few seconds; collection is cheap.
                        o.ScrapeResponseCacheDurationMilliseconds = 0;
                    });
                }
                if (options.Otlp.Endpoint is { } endpoint)
                {
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        Otlp(exporter, options.Otlp, endpoint, "v1/metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = options.Otlp.MetricExportIntervalSeconds * 1000;
                    });
                }
            })
            .WithTracing(tracing =>
            {
                // Parent-based: a caller's sampled traceparent is always recorded; new traces at the ratio.
                tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.Tracing.SampleRatio)));
                tracing.AddSource(GatewayTracing.SourceName, "Microsoft.AspNetCore",
                    Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName,
                    Orleans.Diagnostics.ActivitySources.RuntimeActivitySourceName);
                if (options.Otlp.Endpoint is { } endpoint)
                {
                    tracing.AddOtlpExporter(o => Otlp(o, options.Otlp, endpoint, "v1/traces"));
                }
            });
        return services;
    }

    /// <summary>The outermost data-plane stage: request metrics and execution logs (before the access log).</summary>
    public static IApplicationBuilder UseApiObservability(this IApplicationBuilder app)
    {
        // Created here so the observable gauges exist from the start, not from the first scrape.
        _ = app.ApplicationServices.GetService<EdgeStateMetrics>();
        return app.UseMiddleware<ApiObservabilityMiddleware>();
    }

    /// <summary>Right before the integration: its span, IntegrationLatency and the execution log's backend facts.</summary>
    public static IApplicationBuilder UseIntegrationObservation(this IApplicationBuilder app) =>
        app.UseMiddleware<IntegrationObservationMiddleware>();

    /// <summary>The Prometheus scrape endpoint; put it on the management listener before its SigV4 check (scrapers do not sign).</summary>
    public static IApplicationBuilder UsePrometheusScrapeEndpoint(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<ObservabilityOptions>>().Value;
        return options.Enabled && options.Prometheus.Enabled ? app.UseOpenTelemetryPrometheusScrapingEndpoint(options.Prometheus.Path) : app;
    }

    private static void Otlp(OtlpExporterOptions exporter, OtlpOptions options, Uri endpoint, string signalPath)
    {
        var http = options.Protocol == "http/protobuf";
        exporter.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        // With http/protobuf a configured endpoint is used as is: the signal's path must be on it.
        exporter.Endpoint = http && endpoint.AbsolutePath is "/" or "" ? new Uri(endpoint, signalPath) : endpoint;
    }

    private static void WrapAuthorizers(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IMethodAuthorizer) || descriptor.IsKeyedService)
            {
                continue;
            }
            services[i] = ServiceDescriptor.Singleton<IMethodAuthorizer>(sp => new TracedMethodAuthorizer(descriptor switch
            {
                { ImplementationInstance: IMethodAuthorizer instance } => instance,
                { ImplementationFactory: { } factory } => (IMethodAuthorizer)factory(sp),
                _ => (IMethodAuthorizer)ActivatorUtilities.GetServiceOrCreateInstance(sp, descriptor.ImplementationType!),
            }));
        }
    }
}
