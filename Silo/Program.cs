using Microsoft.Extensions.Hosting;
using OrleansGateway.Silo.Hosting;
using OrleansGateway.Silo.Observability;

namespace OrleansGateway.Silo;

/// <summary>The cluster silo: hosting and configuration only.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        SiloLoggingDefaults.Apply(builder.Configuration);
        builder.UseOrleans(silo => silo.AddGatewayClusterSilo(builder.Configuration).AddActivityPropagation());
        builder.Services.AddGatewaySiloTelemetry(builder.Configuration);
        await builder.Build().RunAsync();
    }
}
