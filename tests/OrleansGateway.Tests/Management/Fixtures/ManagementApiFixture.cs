using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using OrleansGateway.Edge.Management;
using OrleansGateway.Grains;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.Management.Fixtures;

/// <summary>
/// An in-process Orleans cluster running the gateway's grains on memory storage, and a real
/// Kestrel host on 127.0.0.1 that maps only the management API, talking to the cluster through
/// its client. Tests drive it with <see cref="Http"/> and use fresh API ids, never shared state.
/// </summary>
public class ManagementApiFixture : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;
    private WebApplication? _app;

    /// <summary>A client whose base address is the management listener.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <inheritdoc/>
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

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IGrainFactory>(_cluster.Client);
        builder.Services.AddManagementApi();
        ConfigureServices(builder.Services);
        _app = builder.Build();
        _app.MapManagementApi();
        await _app.StartAsync();

        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    /// <summary>Adds services a test needs besides the management API's own (e.g. a test-only implementation).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        Http?.Dispose();
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
}

/// <summary>The management functional tests share one cluster and one listener.</summary>
[CollectionDefinition(Name)]
public sealed class ManagementApiCollection : ICollectionFixture<ManagementApiFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Management API";
}
