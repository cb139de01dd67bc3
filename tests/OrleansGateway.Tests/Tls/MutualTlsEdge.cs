using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using OrleansGateway.Tests.DataPlane;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.Tls;

/// <summary>
/// A dev-mode edge with three named data-plane listeners built from <see cref="TestPki"/> files —
/// <c>mtls</c> (client certificate required, CRL, certificate headers forwarded), <c>tls13</c>
/// (minimum TLS 1.3) and <c>internal</c> (private, plain HTTP on loopback) — and one API whose
/// GET /echo proxies to a real echo backend, mapping <c>context.identity.vpceId</c> and
/// <c>context.identity.clientCert.serialNumber</c> into request headers.
/// </summary>
public sealed class MutualTlsEdge : IAsyncLifetime
{
    public const string VpcEndpointId = "vpce-0a1b2c3d4e5f60718";

    private readonly InProcessDevEdge _edge = new();

    internal TestPki Pki { get; } = new();

    internal EchoBackend Backend { get; private set; } = null!;

    /// <summary>The REQUEST authorizer function of GET /authorized (its identity source is the client certificate's serial).</summary>
    internal LambdaAuthorizers.AuthorizerFunction Function { get; private set; } = null!;

    public int MutualTlsPort { get; } = FreePorts.Next();

    public int Tls13Port { get; } = FreePorts.Next();

    public int PrivatePort { get; } = FreePorts.Next();

    public int DefaultPort => _edge.DataPort;

    public string ApiId { get; private set; } = "";

    public string Host => $"{ApiId}.execute-api.localhost";

    public async Task InitializeAsync()
    {
        Backend = await EchoBackend.StartAsync("tls-backend");
        Function = await LambdaAuthorizers.AuthorizerFunction.StartAsync();
        const string Listeners = "--Gateway:DataPlane:Listeners";
        _edge.Settings.AddRange(
        [
            $"{Listeners}:mtls:Port={MutualTlsPort}",
            $"{Listeners}:mtls:CertificatePath={Pki.CertificatePath("server")}",
            $"{Listeners}:mtls:KeyPath={Pki.KeyPath("server")}",
            $"{Listeners}:mtls:ClientCertificate:Mode=Require",
            $"{Listeners}:mtls:ClientCertificate:TrustStorePath={Pki.CaPath}",
            $"{Listeners}:mtls:ClientCertificate:CrlPath={Pki.CrlPath}",
            $"{Listeners}:mtls:ForwardClientCertificateHeaders=true",
            $"{Listeners}:tls13:Port={Tls13Port}",
            $"{Listeners}:tls13:CertificatePath={Pki.CertificatePath("server")}",
            $"{Listeners}:tls13:KeyPath={Pki.KeyPath("server")}",
            $"{Listeners}:tls13:MinimumTlsVersion=1.3",
            $"{Listeners}:internal:Port={PrivatePort}",
            $"{Listeners}:internal:Private=true",
            $"{Listeners}:internal:VpcEndpointId={VpcEndpointId}",
        ]);
        await _edge.InitializeAsync();

        using var management = _edge.Management();
        ApiId = await management.ImportAsync(EchoApi(Backend.Url, Function.Url));
        await management.DeployAsync(ApiId, "prod", new Dictionary<string, string>());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await _edge.GetAsync(ApiId, "/prod/echo");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("The echo API was not served within 15 s.");
    }

    /// <summary>An HttpClient that presents <paramref name="clientCertificate"/> (if any) and trusts only the test CA.</summary>
    internal HttpClient Client(X509Certificate2? clientCertificate, System.Security.Authentication.SslProtocols protocols = default)
    {
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Pki.CaPath);
        var anchor = ca.RawData;
        var ssl = new SslClientAuthenticationOptions
        {
            EnabledSslProtocols = protocols,
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificate(anchor));
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            },
        };
        if (clientCertificate is not null)
        {
            ssl.ClientCertificates = [clientCertificate];
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }
        return new HttpClient(new SocketsHttpHandler { UseProxy = false, SslOptions = ssl, PooledConnectionLifetime = TimeSpan.Zero })
        {
            Timeout = TimeSpan.FromSeconds(15),
        };
    }

    /// <summary>GET /prod{path} (default /echo) through <paramref name="client"/> on <paramref name="port"/> (https unless <paramref name="plain"/>).</summary>
    public Task<HttpResponseMessage> EchoAsync(HttpClient client, int port, bool plain = false, Action<HttpRequestMessage>? configure = null, string path = "/echo")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{(plain ? "http" : "https")}://127.0.0.1:{port}/prod{path}");
        request.Headers.Host = Host;
        configure?.Invoke(request);
        return client.SendAsync(request);
    }

    private static string EchoApi(string backendUrl, string functionUrl) => $$"""
        {
          "openapi": "3.0.1",
          "info": { "title": "tls-echo", "version": "1" },
          "components": {
            "securitySchemes": {
              "by-certificate": {
                "type": "apiKey", "name": "unused", "in": "header",
                "x-amazon-apigateway-authtype": "custom",
                "x-amazon-apigateway-authorizer": {
                  "type": "request", "authorizerUri": "{{functionUrl}}",
                  "identitySource": "context.identity.clientCert.serialNumber",
                  "authorizerResultTtlInSeconds": 300
                }
              }
            }
          },
          "paths": {
            "/authorized": {
              "get": {
                "security": [ { "by-certificate": [] } ],
                "responses": { "200": { "description": "ok" } },
                "x-amazon-apigateway-integration": { "type": "http_proxy", "httpMethod": "GET", "uri": "{{backendUrl}}/authorized" }
              }
            },
            "/echo": {
              "get": {
                "responses": { "200": { "description": "ok" } },
                "x-amazon-apigateway-integration": {
                  "type": "http_proxy", "httpMethod": "GET", "uri": "{{backendUrl}}/echo",
                  "requestParameters": {
                    "integration.request.header.x-vpce": "context.identity.vpceId",
                    "integration.request.header.x-mapped-cert-serial": "context.identity.clientCert.serialNumber"
                  }
                }
              }
            }
          }
        }
        """;

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        if (Backend is not null)
        {
            await Backend.DisposeAsync();
        }
        if (Function is not null)
        {
            await Function.DisposeAsync();
        }
        Pki.Dispose();
    }
}
