using OrleansGateway.Edge.ApiKeys;
using OrleansGateway.Edge.Configuration;
using OrleansGateway.Edge.DataPlane;
using OrleansGateway.Edge.DataPlane.AccessLogs;
using OrleansGateway.Edge.DataPlane.Authorization.Jwt;
using OrleansGateway.Edge.DataPlane.Authorization.Lambda;
using OrleansGateway.Edge.DataPlane.Waf.RateBased;
using OrleansGateway.Edge.DevMode;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.Hosting.Listeners;
using OrleansGateway.Edge.Iam;
using OrleansGateway.Edge.UsagePlans;
using OrleansGateway.Edge.Management;
using OrleansGateway.Edge.Management.Audit;
using OrleansGateway.Edge.Management.Events;
using OrleansGateway.Edge.Management.OpenApi;
using OrleansGateway.Edge.Observability;
using OrleansGateway.Edge.Security.SigV4;
using OrleansGateway.Edge.UsagePlans.Leases;
using OrleansGateway.Edge.Waf;
using OrleansGateway.Edge.WebSockets;

namespace OrleansGateway.Edge;

/// <summary>The edge: data plane and management listener in front of the gateway's grains.</summary>
public static class Program
{
    /// <summary>Entry point. <c>echo-backend --port N</c> runs only the dev echo backend (used by the benchmark).</summary>
    public static async Task Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "echo-backend")
        {
            await EchoBackend.Build(EchoPort(args)).RunAsync();
            return;
        }
        if (args is ["audit", "verify", ..])
        {
            Environment.ExitCode = await AuditVerifyCommand.RunAsync(args[2..], Console.Out);
            return;
        }
        await Build(args).RunAsync();
    }

    /// <summary>Builds the edge application (also used by tests).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var gateway = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new();
        var devMode = gateway.Mode == GatewayMode.Dev;
        DevAdminCredentials.Apply(builder.Configuration, devMode);

        GatewayListeners.Configure(builder, gateway);
        GatewayOrleans.Configure(builder, gateway);

        var services = builder.Services;
        services.Configure<DataPlaneListenerOptions>(builder.Configuration.GetSection(DataPlaneListenerOptions.Section));
        services.Configure<ManagementListenerOptions>(builder.Configuration.GetSection(ManagementListenerOptions.Section));
        services.Configure<DevModeOptions>(builder.Configuration.GetSection(DevModeOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new EdgeIdentity(gateway.EdgeId ?? $"{Environment.MachineName}-{builder.Configuration["Gateway:DataPlane:HttpPort"] ?? "8080"}-{Environment.ProcessId}"));
        services.AddSingleton<OpenApiImporter>();
        services.AddSingleton<OpenApiExporter>();

        services.AddDataPlane(builder.Configuration);
        services.AddAccessLogs(builder.Configuration);
        services.AddDataPlaneListeners();
        services.AddLambdaAuthorizers(builder.Configuration);
        services.AddUsagePlanEnforcement(builder.Configuration);
        services.AddJwtAuthorizers(builder.Configuration);
        services.AddManagementSigV4(builder.Configuration);
        services.AddManagementApi();
        services.AddManagementAudit(builder.Configuration);
        services.AddAlarmsAndEvents(builder.Configuration);
        services.AddApiKeys(builder.Configuration);
        services.AddIam(builder.Configuration);
        services.AddUsageLeases(builder.Configuration);
        services.AddWafRateCounting(builder.Configuration);
        services.AddWebSocketApis(builder.Configuration);

        services.AddSingleton<ConfigChangeSignal>();
        services.AddHostedService<ConfigSyncService>();
        services.AddWafState();
        services.AddGatewayObservability(builder.Configuration);
        if (devMode)
        {
            services.AddHostedService<EchoBackendService>();
            services.AddHostedService<SampleApiDeployer>();
        }

        var app = builder.Build();
        var managementPort = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ManagementListenerOptions>>().Value.Port;
        // Listeners are told apart by local port, never by the Host header a client controls.
        app.MapWhen(context => managementPort > 0 && context.Connection.LocalPort == managementPort, management =>
        {
            management.UsePrometheusScrapeEndpoint();
            management.UseRouting();
            management.UseManagementRefusalAudit();
            management.UseManagementSigV4();
            management.UseManagementAudit();
            management.UseEndpoints(endpoints => endpoints.MapManagementApi());
        });
        app.UseDataPlaneListeners();
        app.UseAlarmMetrics();
        app.RunDataPlane();
        return app;
    }

    private static int EchoPort(string[] args)
    {
        var index = Array.IndexOf(args, "--port");
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var port) ? port : 8070;
    }
}
