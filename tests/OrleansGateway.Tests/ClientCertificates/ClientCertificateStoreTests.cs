using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansGateway.Edge.Configuration;
using OrleansGateway.Edge.DataPlane.Integrations.ClientCertificates;
using OrleansGateway.Tests.Management.Fixtures;
using static OrleansGateway.Tests.Management.Fixtures.ManagementResponses;

namespace OrleansGateway.Tests.ClientCertificates;

/// <summary>
/// The edge's certificate cache against a real cluster: it serves a loaded certificate without
/// asking again, drops it on a push, and finds a deletion whose push was lost at the next reconciliation.
/// </summary>
public sealed class ClientCertificateStoreTests(ClientCertificateApiFixture fixture) : IClassFixture<ClientCertificateApiFixture>, IDisposable
{
    private readonly ManualTimers _clock = new();
    private readonly ConfigChangeSignal _signal = new();
    private ServiceProvider? _services;

    [Fact]
    public async Task ACachedCertificateIsServedUntilThePushForItsDeletionArrives()
    {
        var store = Store();
        var (id, thumbprint) = await GenerateAsync();
        Assert.Equal(thumbprint, (await store.GetAsync(id))?.Thumbprint);

        await DeleteAsync(id);
        var beforePush = await store.GetAsync(id);
        await _signal.OnClientCertificateChanged(id);
        var afterPush = await store.GetAsync(id);

        Assert.NotNull(beforePush);
        Assert.Null(afterPush);
    }

    [Fact]
    public async Task ADeletionWhosePushWasLostIsFoundAtTheNextReconciliation()
    {
        var store = Store();
        var (id, _) = await GenerateAsync();
        Assert.NotNull(await store.GetAsync(id));
        await DeleteAsync(id);
        Assert.NotNull(await store.GetAsync(id));

        _clock.Fire();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await store.GetAsync(id) is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.Null(await store.GetAsync(id));
    }

    [Fact]
    public async Task AnUnknownCertificateIsNullAndTheSelectionCallbackPresentsNothing()
    {
        var store = Store();

        Assert.Null(await store.GetAsync("zzzzzz"));
        Assert.Null(store.SelectionCallbackFor("zzzzzz")(this, "backend", null!, null, []));
    }

    [Fact]
    public async Task TheSelectionCallbackPresentsTheLoadedCertificateWithItsKey()
    {
        var store = Store();
        var (id, thumbprint) = await GenerateAsync();
        await store.GetAsync(id);

        var presented = store.SelectionCallbackFor(id)(this, "backend", null!, null, ["CN=Some CA"]);

        var certificate = Assert.IsType<System.Security.Cryptography.X509Certificates.X509Certificate2>(presented);
        Assert.Equal(thumbprint, certificate.Thumbprint);
        Assert.True(certificate.HasPrivateKey);
    }

    public void Dispose() => _services?.Dispose();

    private ClientCertificateStore Store()
    {
        var services = new ServiceCollection();
        services.AddSingleton(fixture.Grains);
        services.AddSingleton(fixture.Cipher);
        // Not subscribed to the cluster: pushes reach this edge only when a test delivers them.
        services.AddSingleton(_signal);
        _services = services.BuildServiceProvider();
        return new ClientCertificateStore(_services, _clock, NullLogger<ClientCertificateStore>.Instance);
    }

    private async Task<(string Id, string Thumbprint)> GenerateAsync()
    {
        using var response = await fixture.Http.PostAsync("/clientcertificates", Json("{}"));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        var body = await response.ReadJsonAsync();
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(body.GetProperty("pemEncodedCertificate").GetString());
        return (body.GetProperty("clientCertificateId").GetString()!, certificate.Thumbprint);
    }

    private async Task DeleteAsync(string id)
    {
        using var response = await fixture.Http.DeleteAsync($"/clientcertificates/{id}");
        await response.AssertStatusAsync(HttpStatusCode.Accepted);
    }

    /// <summary>A clock whose timers fire only when told to.</summary>
    private sealed class ManualTimers : TimeProvider
    {
        private readonly List<(TimerCallback Callback, object? State)> _timers = [];

        public void Fire()
        {
            foreach (var (callback, state) in _timers)
            {
                callback(state);
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _timers.Add((callback, state));
            return new NeverTimer();
        }

        private sealed class NeverTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
