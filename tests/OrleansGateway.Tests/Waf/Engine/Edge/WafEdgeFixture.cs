using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansGateway.Edge.DataPlane;
using OrleansGateway.Edge.DataPlane.Waf;
using OrleansGateway.Tests.DataPlane;

namespace OrleansGateway.Tests.Waf.Engine.Edge;

/// <summary>
/// The data plane (routing with its WAF, HTTP_PROXY integration) on a real Kestrel listener on
/// 127.0.0.1, in front of a real <see cref="EchoBackend"/> that counts its calls. The stage's web
/// ACL comes from <see cref="Acls"/>, which replaces <see cref="IWebAclSource"/> in DI; the
/// country header is trusted, the country database (<c>Gateway:Waf:GeoIpDatabase</c>) places
/// loopback in Antarctica (AQ), and the body inspection limit is 1 KB.
/// </summary>
public sealed class WafEdgeFixture : IAsyncLifetime
{
    public const string ApiId = "wafapi1";
    public const string CountryHeader = "CloudFront-Viewer-Country";
    public const int BodyInspectionLimit = 1024;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("og-waf-edge-");
    private WebApplication? _app;
    private MeterListener? _listener;

    internal EchoBackend Backend { get; private set; } = null!;

    internal StageWebAcls Acls { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    /// <summary><c>waf.matches</c> measurements seen: (web_acl, rule, action).</summary>
    public List<(string WebAcl, string Rule, string Action)> Matches { get; } = [];

    public async Task InitializeAsync()
    {
        Backend = await EchoBackend.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Waf:CountryHeader"] = CountryHeader,
            ["Gateway:Waf:BodyInspectionLimitBytes"] = BodyInspectionLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:Waf:GeoIpDatabase"] = TestCountryDatabase.Write(_directory.FullName, ("127.0.0.0/8", "AQ")),
        });
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IWebAclSource>(Acls);
        builder.Services.AddDataPlane(builder.Configuration);
        _app = builder.Build();
        _app.UseDataPlaneRouting().RunDataPlaneIntegration();
        await _app.StartAsync();

        var store = _app.Services.GetRequiredService<RoutingTableStore>();
        store.Apply(new TestApi(ApiId)
            .Stage("prod").Stage("open")
            .Route("/items", "ANY", TestApi.HttpProxy(Backend.Url + "/items"))
            .Route("/upload", "POST", TestApi.HttpProxy(Backend.Url + "/upload"))
            .Build(1));
        store.MarkReady();

        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "OrleansGateway.Waf" && instrument.Name == "waf.matches")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var byName = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                byName[tag.Key] = tag.Value?.ToString() ?? string.Empty;
            }
            lock (Matches)
            {
                Matches.Add((byName.GetValueOrDefault("web_acl", ""), byName.GetValueOrDefault("rule", ""), byName.GetValueOrDefault("action", "")));
            }
        });
        _listener.Start();

        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false }) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Associates the web ACL in <paramref name="json"/> with stage prod.</summary>
    public void UseAcl(string json) => Acls.Associate(ApiId, "prod", WafTest.Compile(json));

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, pathAndQuery) { Content = content };
        request.Headers.Host = $"{ApiId}.execute-api.localhost";
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return Client.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        _listener?.Dispose();
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await Backend.DisposeAsync();
        _directory.Delete(recursive: true);
    }
}
