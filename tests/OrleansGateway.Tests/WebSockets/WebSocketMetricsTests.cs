using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using OrleansGateway.Edge.ApiKeys;
using OrleansGateway.Edge.Configuration;
using OrleansGateway.Edge.DataPlane.Authorization.Lambda;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.Iam;
using OrleansGateway.Edge.UsagePlans;
using OrleansGateway.Edge.UsagePlans.Leases;
using OrleansGateway.Edge.WebSockets;
using OrleansGateway.Grains;
using OrleansGateway.Grains.Interfaces.WebSockets;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.WebSockets;

/// <summary>
/// The WebSocket metrics an operator reads (meter <c>OrleansGateway.WebSockets</c>), seen by a
/// <see cref="MeterListener"/> while a real client uses a real edge pipeline (Kestrel on 127.0.0.1)
/// in front of an in-process Orleans cluster.
/// </summary>
public sealed class WebSocketMetricsTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Name, double Value, string? ApiId, string? Stage)> _measurements = new();
    private InProcessTestCluster? _cluster;
    private WebApplication? _app;
    private MeterListener? _listener;
    private int _port;

    public async Task InitializeAsync()
    {
        var clusterBuilder = new InProcessTestClusterBuilder(1);
        clusterBuilder.ConfigureSilo((_, silo) =>
        {
            silo.AddTestGrainServices();
        });
        clusterBuilder.ConfigureSiloHost((_, host) => host.Logging.SetMinimumLevel(LogLevel.Warning));
        clusterBuilder.ConfigureClientHost(host => host.Logging.SetMinimumLevel(LogLevel.Warning));
        _cluster = clusterBuilder.Build();
        await _cluster.DeployAsync();

        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == WebSocketMetrics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        _listener.Start();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Gateway:WebSockets:LeaseRenewInterval"] = "00:00:01" });
        var services = builder.Services;
        services.AddSingleton<IClusterClient>(_cluster.Client);
        services.AddSingleton<IGrainFactory>(_cluster.Client);
        services.AddSingleton(new EdgeIdentity("metrics-edge"));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ConfigChangeSignal>();
        services.AddOptions<GatewayOptions>();
        services.AddApiKeys(RandomNumberGenerator.GetBytes(32));
        services.AddIam(builder.Configuration);
        services.AddLambdaAuthorizers(builder.Configuration);
        services.AddUsagePlanEnforcement(builder.Configuration);
        services.AddUsageLeases(builder.Configuration);
        services.AddWebSocketApis(builder.Configuration);
        _app = builder.Build();
        _app.UseWebSocketApis();
        _app.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await _app.StartAsync();
        _port = new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single()).Port;
    }

    public async Task DisposeAsync()
    {
        _listener?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Connects_messages_client_errors_and_failed_integrations_are_counted_per_api_and_stage()
    {
        var apiId = "metricsapi" + RandomNumberGenerator.GetHexString(4).ToLowerInvariant();
        var api = _cluster!.Client.GetGrain<IWebSocketApiGrain>(apiId);
        await api.Create(new WebSocketApiInfo(apiId, "metrics", "$request.body.action", null, null, DateTimeOffset.UtcNow, new Dictionary<string, string>()));
        var mock = await api.CreateIntegration(new WebSocketIntegration("", "MOCK", null, null, 29_000, null, null, new Dictionary<string, string>()));
        // Port 1 on loopback refuses connections: an unreachable backend.
        var dead = await api.CreateIntegration(new WebSocketIntegration("", "HTTP", "http://127.0.0.1:1/none", "POST", 2_000, null, null, new Dictionary<string, string>()));
        await api.CreateRoute(new WebSocketRoute("", "$default", $"integrations/{mock.IntegrationId}", "NONE", null, false, null, null));
        await api.CreateRoute(new WebSocketRoute("", "broken", $"integrations/{dead.IntegrationId}", "NONE", null, false, null, null));
        var now = DateTimeOffset.UtcNow;
        await api.CreateStage(new WebSocketStage("prod", null, null, now, now, new Dictionary<string, string>()));
        await api.CreateDeployment(null, "prod", now);

        using var socket = await ConnectAsync(apiId, TimeSpan.FromSeconds(30));
        await SendAsync(socket, """{"action":"hello"}""");
        await SendAsync(socket, "not json");
        await SendAsync(socket, """{"action":"broken"}""");
        var errorFrame = await ReceiveAsync(socket);
        Assert.Contains("Internal server error", errorFrame);
        await socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        await ReceiveAsync(socket); // the 1003 close
        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, socket.CloseStatus);

        Assert.True(Count("ConnectCount", apiId) >= 1, Dump());
        Assert.Equal(3, Count("MessageCount", apiId));
        Assert.Equal(1, Count("IntegrationError", apiId));
        Assert.Equal(1, Count("ExecutionError", apiId));
        Assert.Equal(1, Count("ClientError", apiId));
        Assert.True(_measurements.Count(m => m.Name == "IntegrationLatency" && m.ApiId == apiId && m.Stage == "prod") >= 1, Dump());
    }

    private void Record(string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? apiId = null, stage = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "ApiId")
            {
                apiId = tag.Value as string;
            }
            else if (tag.Key == "Stage")
            {
                stage = tag.Value as string;
            }
        }
        _measurements.Enqueue((name, value, apiId, stage));
    }

    private double Count(string name, string apiId) =>
        _measurements.Where(m => m.Name == name && m.ApiId == apiId && m.Stage == "prod").Sum(m => m.Value);

    private string Dump() => string.Join("; ", _measurements.GroupBy(m => m.Name).Select(g => $"{g.Key}={g.Sum(m => m.Value)}"));

    private async Task<ClientWebSocket> ConnectAsync(string apiId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Host", $"{apiId}.execute-api.localhost");
            try
            {
                await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{_port}/prod"), CancellationToken.None);
                return socket;
            }
            catch (WebSocketException) when (DateTime.UtcNow < deadline)
            {
                socket.Dispose();
                await Task.Delay(200);
            }
        }
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[4096];
        var result = await socket.ReceiveAsync(buffer, cancel.Token);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }
}
