using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansGateway.Edge.ApiKeys;
using OrleansGateway.Edge.Management;
using OrleansGateway.Grains;
using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Grains.Storage;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.ApiKeys;

/// <summary>
/// A one-silo cluster on memory storage and a real Kestrel listener mapping the management API
/// with a random API key secret; exposes the silo's grain storage so tests can inspect what is stored.
/// </summary>
public sealed class ApiKeyManagementFixture : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;
    private WebApplication? _app;

    /// <summary>A client whose base address is the management listener.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The cluster client.</summary>
    public IClusterClient Client => _cluster!.Client;

    /// <summary>The hasher the listener uses.</summary>
    public ApiKeyValueHash Hash { get; private set; } = null!;

    /// <summary>The silo's grain storage (memory).</summary>
    public IGrainStorage Storage => _cluster!.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);

    /// <summary>The silo's record store (memory): API key listings and plan associations, one record each.</summary>
    public InMemoryGrainRecordStore Records => (InMemoryGrainRecordStore)_cluster!.Silos[0].ServiceProvider.GetRequiredService<IGrainRecordStore>();

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTestGrainServices();
        });
        builder.ConfigureSiloHost((_, host) => host.Logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureClientHost(host => host.Logging.SetMinimumLevel(LogLevel.Warning));
        _cluster = builder.Build();
        await _cluster.DeployAsync();

        var secret = RandomNumberGenerator.GetBytes(32);
        Hash = new ApiKeyValueHash(secret);
        var web = WebApplication.CreateSlimBuilder();
        web.WebHost.UseUrls("http://127.0.0.1:0");
        web.Logging.SetMinimumLevel(LogLevel.Warning);
        web.Services.AddSingleton<IGrainFactory>(_cluster.Client);
        web.Services.AddManagementApi();
        web.Services.AddApiKeys(secret);
        _app = web.Build();
        _app.MapManagementApi();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Http = new HttpClient { BaseAddress = new Uri(address) };
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

/// <summary>The API key and usage plan tests share one cluster and listener.</summary>
[CollectionDefinition(Name)]
public sealed class ApiKeyManagementCollection : ICollectionFixture<ApiKeyManagementFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "API keys and usage plans";
}
