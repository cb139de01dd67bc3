using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansGateway.Tests.DataPlane;
using OrleansGateway.Tests.Tls;

namespace OrleansGateway.Tests.Resilience;

/// <summary>Backend certificates are verified; a CA bundle in <c>Gateway:Backends:TrustStorePath</c> makes an internal CA trusted.</summary>
public sealed class BackendTlsTests : IAsyncLifetime
{
    private readonly TestPki _pki = new();
    private WebApplication _backend = null!;
    private string _url = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var certificate = _pki.Load("server");
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        builder.Logging.ClearProviders();
        _backend = builder.Build();
        _backend.Run(context => context.Response.WriteAsync("secure hello"));
        await _backend.StartAsync();
        _url = _backend.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        Assert.StartsWith("https://127.0.0.1:", _url, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _backend.StopAsync();
        await _backend.DisposeAsync();
        _pki.Dispose();
    }

    [Fact]
    public async Task BackendWithACertificateFromAnUnknownCaAnswers502()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Store.Apply(new TestApi().Route("/secure", "GET", TestApi.HttpProxy(_url + "/secure")).Build(1));

        var response = await gateway.GetAsync("/prod/secure");

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.BadGateway, "Internal server error", "InternalServerErrorException");
    }

    [Fact]
    public async Task BackendWithACertificateFromTheConfiguredCaAnswers200()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(configure: settings => settings["Gateway:Backends:TrustStorePath"] = _pki.CaPath);
        gateway.Store.Apply(new TestApi().Route("/secure", "GET", TestApi.HttpProxy(_url + "/secure")).Build(1));

        var response = await gateway.GetAsync("/prod/secure");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("secure hello", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TrustingAnotherCaDoesNotTrustTheBackend()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(configure: settings => settings["Gateway:Backends:TrustStorePath"] = _pki.CertificatePath("other-ca"));
        gateway.Store.Apply(new TestApi().Route("/secure", "GET", TestApi.HttpProxy(_url + "/secure")).Build(1));

        var response = await gateway.GetAsync("/prod/secure");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task TrustedCaDoesNotExcuseAHostNameMismatch()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(configure: settings => settings["Gateway:Backends:TrustStorePath"] = _pki.CaPath);
        // The certificate names 127.0.0.1 and localhost, not this address.
        var mismatched = _url.Replace("127.0.0.1", "127.0.0.2", StringComparison.Ordinal);
        gateway.Store.Apply(new TestApi().Route("/secure", "GET", TestApi.HttpProxy(mismatched + "/secure")).Build(1));

        var response = await gateway.GetAsync("/prod/secure");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task NamedTrustStoreTrustsTheCaOnlyForTheIntegrationsThatNameIt()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(configure: settings => settings["Gateway:Backends:TrustStores:internal"] = _pki.CaPath);
        var config = new TestApi()
            .Route("/named", "GET", TestApi.HttpProxy(_url + "/named"))
            .Route("/plain", "GET", TestApi.HttpProxy(_url + "/plain"))
            .Build(1);
        var definition = config.Deployments[0].Definition;
        var named = definition.Resources.Single(resource => resource.Path == "/named");
        var method = named.Methods["GET"] with { Extensions = new Dictionary<string, string> { ["x-gateway-resilience"] = """{"tls":{"trustStore":"internal"}}""" } };
        gateway.Store.Apply(config with
        {
            Deployments = [config.Deployments[0] with
            {
                Definition = definition with
                {
                    Resources = [.. definition.Resources.Select(resource => resource == named
                        ? resource with { Methods = new Dictionary<string, OrleansGateway.Grains.Interfaces.Definitions.MethodDefinition> { ["GET"] = method } }
                        : resource)],
                },
            }],
        });

        var trusted = await gateway.GetAsync("/prod/named");
        var untrusted = await gateway.GetAsync("/prod/plain");

        Assert.Equal(HttpStatusCode.OK, trusted.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, untrusted.StatusCode);
    }

    [Fact]
    public async Task UnknownTrustStoreNameFailsClosed()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(configure: settings => settings["Gateway:Backends:TrustStores:internal"] = _pki.CaPath);
        gateway.Store.Apply(new TestApi().Route("/typo", "GET", TestApi.HttpProxy(_url + "/typo")).Build(1)
            .WithResilience("""{"tls":{"trustStore":"internl"}}"""));

        var response = await gateway.GetAsync("/prod/typo");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }
}
