using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OrleansGateway.Silo.Observability;

/// <summary>
/// A cluster silo's telemetry: its grain-call spans (joined to the edges' traces by Orleans' activity
/// propagation) and Orleans' own metrics, exported over OTLP when
/// <c>Gateway:Observability:Otlp:Endpoint</c> is set; with no endpoint nothing is registered. Reads the
/// same keys as the edge (<c>Otlp:Protocol</c>, <c>Tracing:SampleRatio</c>).
/// </summary>
public static class SiloTelemetry
{
    /// <summary>Registers OpenTelemetry for the silo when an OTLP endpoint is configured.</summary>
    public static IServiceCollection AddGatewaySiloTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Gateway:Observability");
        if (!Uri.TryCreate(section["Otlp:Endpoint"], UriKind.Absolute, out var endpoint))
        {
            return services;
        }
        var http = string.Equals(section["Otlp:Protocol"], "http/protobuf", StringComparison.Ordinal);
        var ratio = double.TryParse(section["Tracing:SampleRatio"], System.Globalization.CultureInfo.InvariantCulture, out var configured)
            ? Math.Clamp(configured, 0, 1)
            : 0.1;
        void Otlp(OtlpExporterOptions exporter, string signalPath)
        {
            exporter.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            exporter.Endpoint = http && endpoint.AbsolutePath is "/" or "" ? new Uri(endpoint, signalPath) : endpoint;
        }
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("orleans-gateway-silo"))
            .WithMetrics(metrics => metrics.AddMeter("Microsoft.Orleans").AddOtlpExporter(o => Otlp(o, "v1/metrics")))
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio)))
                .AddSource(Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName, Orleans.Diagnostics.ActivitySources.RuntimeActivitySourceName)
                .AddOtlpExporter(o => Otlp(o, "v1/traces")));
        return services;
    }
}
