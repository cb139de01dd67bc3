using System.Net;
using System.Text.Json;
using OrleansGateway.Tests.TestSupport;
using OrleansGateway.Tests.Tls;

namespace OrleansGateway.Tests.ClientCertificates;

/// <summary>
/// A dev-mode edge that trusts the test CA for backends, a <see cref="PinningHttpsBackend"/> with a
/// server certificate from that CA, and two generated client certificates: <see cref="PinnedId"/>
/// (pinned by the backend) and <see cref="OtherId"/> (valid, but not pinned). One API, deployed once,
/// with stages <c>nocert</c> (no certificate), <c>pinned</c> and <c>other</c>.
/// </summary>
public sealed class MutualTlsEdgeFixture : IAsyncLifetime
{
    private readonly TestPki _pki = new();

    public InProcessDevEdge Edge { get; } = new();

    internal PinningHttpsBackend Backend { get; private set; } = null!;

    public string ApiId { get; private set; } = string.Empty;

    public string DeploymentId { get; private set; } = string.Empty;

    public string PinnedId { get; private set; } = string.Empty;

    public string PinnedThumbprint { get; private set; } = string.Empty;

    public string OtherId { get; private set; } = string.Empty;

    public string OtherThumbprint { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Backend = await PinningHttpsBackend.StartAsync(_pki.Load("server"));
        Edge.Settings.Add($"--Gateway:Backends:TrustStorePath={_pki.CaPath}");
        await Edge.InitializeAsync();
        using var management = Edge.Management();
        var pinned = await management.SendJsonAsync(HttpMethod.Post, "/clientcertificates", new { description = "pinned by the backend" });
        PinnedId = pinned.GetProperty("clientCertificateId").GetString()!;
        var pem = pinned.GetProperty("pemEncodedCertificate").GetString()!;
        Backend.Pin(pem);
        using (var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem))
        {
            PinnedThumbprint = certificate.Thumbprint;
        }
        var other = await management.SendJsonAsync(HttpMethod.Post, "/clientcertificates", new { description = "not pinned" });
        OtherId = other.GetProperty("clientCertificateId").GetString()!;
        using (var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(other.GetProperty("pemEncodedCertificate").GetString()))
        {
            OtherThumbprint = certificate.Thumbprint;
        }

        ApiId = await management.ImportAsync(Document(Backend.Url, PinnedId));
        DeploymentId = (await management.DeployAsync(ApiId, "nocert", new Dictionary<string, string>())).GetProperty("id").GetString()!;
        await CreateStageAsync("pinned", PinnedId);
        await CreateStageAsync("other", OtherId);
        foreach (var stage in new[] { "nocert", "pinned", "other" })
        {
            using var _ = await UntilServedAsync(stage, "/mtls");
        }
    }

    public async Task DisposeAsync()
    {
        await Edge.DisposeAsync();
        await Backend.DisposeAsync();
        _pki.Dispose();
    }

    /// <summary>CreateStage on the fixture's deployment, with a client certificate or none.</summary>
    public async Task<JsonElement> CreateStageAsync(string stageName, string? clientCertificateId)
    {
        using var management = Edge.Management();
        return await management.SendJsonAsync(HttpMethod.Post, $"/restapis/{ApiId}/stages",
            clientCertificateId is null
                ? new { stageName, deploymentId = DeploymentId }
                : new { stageName, deploymentId = DeploymentId, clientCertificateId });
    }

    /// <summary>The first answer of <paramref name="stage"/> that is not "no such API or stage yet" (polls up to 15 s).</summary>
    public async Task<HttpResponseMessage> UntilServedAsync(string stage, string path) =>
        await UntilAsync(stage, path, status => status is HttpStatusCode.OK or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway, TimeSpan.FromSeconds(15));

    /// <summary>Polls until the status satisfies <paramref name="done"/> or the time is up; returns the last response.</summary>
    public async Task<HttpResponseMessage> UntilAsync(string stage, string path, Func<HttpStatusCode, bool> done, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var response = await Edge.GetAsync(ApiId, $"/{stage}{path}");
            if (done(response.StatusCode) || DateTime.UtcNow > deadline)
            {
                return response;
            }
            response.Dispose();
            await Task.Delay(20);
        }
    }

    private static string Integration(string backend, string path) =>
        $$"""{"type": "http_proxy", "httpMethod": "GET", "uri": "{{backend}}{{path}}"}""";

    private static string Document(string backend, string overrideCertificateId) => """
        {
          "openapi": "3.0.1",
          "info": {"title": "mtls", "version": "1"},
          "paths": {
            "/mtls": {"get": {"x-amazon-apigateway-integration": @MTLS@}},
            "/override": {"get": {
              "x-gateway-resilience": {"tls": {"clientCertificateId": "@OVERRIDE_ID@"}},
              "x-amazon-apigateway-integration": @OVERRIDE@
            }},
            "/unknown": {"get": {
              "x-gateway-resilience": {"tls": {"clientCertificateId": "zzzzzz"}},
              "x-amazon-apigateway-integration": @UNKNOWN@
            }}
          }
        }
        """.Replace("@MTLS@", Integration(backend, "/mtls"), StringComparison.Ordinal)
        .Replace("@OVERRIDE_ID@", overrideCertificateId, StringComparison.Ordinal)
        .Replace("@OVERRIDE@", Integration(backend, "/override"), StringComparison.Ordinal)
        .Replace("@UNKNOWN@", Integration(backend, "/unknown"), StringComparison.Ordinal);
}
