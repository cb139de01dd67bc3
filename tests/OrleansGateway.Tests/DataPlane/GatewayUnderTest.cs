using OrleansGateway.Edge.DataPlane.InputLimits;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansGateway.Edge.DataPlane;

namespace OrleansGateway.Tests.DataPlane;

/// <summary>The data plane on a real Kestrel listener on 127.0.0.1, its routing tables filled by <see cref="RoutingTableStore.Apply"/>.</summary>
internal sealed class GatewayUnderTest : IAsyncDisposable
{
    public const string DefaultHost = "abc123.execute-api.localhost";

    private readonly WebApplication _app;

    private GatewayUnderTest(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Store = app.Services.GetRequiredService<RoutingTableStore>();
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public Uri Address { get; }

    public RoutingTableStore Store { get; }

    public HttpClient Client { get; }

    /// <param name="inputLimits">Also run the edge's bad-input checks (which read a chunked body to its end before the integration), as the edge does.</param>
    public static async Task<GatewayUnderTest> StartAsync(bool ready = true, Action<Dictionary<string, string?>>? configure = null, bool inputLimits = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var settings = new Dictionary<string, string?>();
        configure?.Invoke(settings);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddDataPlane(builder.Configuration);
        var app = builder.Build();
        // Routing and integrations only: usage plans need the cluster and have their own tests.
        var routing = app.UseDataPlaneRouting();
        if (inputLimits)
        {
            routing.UseInputLimits();
        }
        routing.RunDataPlaneIntegration();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var gateway = new GatewayUnderTest(app, new Uri(address));
        if (ready)
        {
            gateway.Store.MarkReady();
        }
        return gateway;
    }

    /// <summary>Sends a request to <paramref name="pathAndQuery"/> with an execute-api Host header.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, string host = DefaultHost,
        HttpContent? content = null, Action<HttpRequestHeaders>? headers = null, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(method, pathAndQuery) { Content = content };
        request.Headers.Host = host;
        headers?.Invoke(request.Headers);
        return Client.SendAsync(request, cancellationToken);
    }

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery, string host = DefaultHost) =>
        SendAsync(HttpMethod.Get, pathAndQuery, host);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
