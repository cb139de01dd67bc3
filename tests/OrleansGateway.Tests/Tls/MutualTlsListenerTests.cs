using System.Globalization;
using System.Net;
using System.Security.Authentication;
using System.Text.Json;

namespace OrleansGateway.Tests.Tls;

/// <summary>
/// Mutual TLS, TLS policy and private listeners on a real edge, seen from real TLS clients:
/// .NET's HttpClient and <c>openssl s_client</c>.
/// </summary>
public sealed class MutualTlsListenerTests(MutualTlsEdge edge) : IClassFixture<MutualTlsEdge>
{
    [Fact]
    public async Task A_good_client_certificate_is_admitted_and_the_backend_sees_its_subject_issuer_serial_and_validity()
    {
        using var certificate = edge.Pki.Load("good");
        using var client = edge.Client(certificate);

        using var response = await edge.EchoAsync(client, edge.MutualTlsPort, configure: request =>
        {
            // A client may not supply the gateway's certificate headers.
            request.Headers.Add("X-Client-Cert-Subject", "CN=forged");
            request.Headers.Add("X-Client-Cert-Serial", "00:00");
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = await BackendHeadersAsync(response);
        var serial = string.Join(':', Convert.FromHexString(certificate.SerialNumber).Select(b => b.ToString("x2")));
        Assert.Equal("CN=good-client, O=Tenant A", headers["x-client-cert-subject"]);
        Assert.Equal("CN=OrleansGateway Test Client CA, O=OrleansGateway Tests", headers["x-client-cert-issuer"]);
        Assert.Equal(serial, headers["x-client-cert-serial"]);
        Assert.Equal(serial, headers["x-mapped-cert-serial"]);
        Assert.Equal(OpenSslTime(certificate.NotBefore), headers["x-client-cert-not-before"]);
        Assert.Equal(OpenSslTime(certificate.NotAfter), headers["x-client-cert-not-after"]);
        Assert.False(headers.ContainsKey("x-vpce"));
    }

    [Fact]
    public async Task A_request_authorizer_gets_the_client_certificate_in_its_event_and_can_use_it_as_identity_source()
    {
        using var certificate = edge.Pki.Load("good");
        using var client = edge.Client(certificate);
        var before = edge.Function.Events.Count;

        using var response = await edge.EchoAsync(client, edge.MutualTlsPort, path: "/authorized");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before + 1, edge.Function.Events.Count);
        var clientCert = edge.Function.Events.Last().GetProperty("requestContext").GetProperty("identity").GetProperty("clientCert");
        var serial = string.Join(':', Convert.FromHexString(certificate.SerialNumber).Select(b => b.ToString("x2")));
        Assert.Equal("CN=good-client, O=Tenant A", clientCert.GetProperty("subjectDN").GetString());
        Assert.Equal(serial, clientCert.GetProperty("serialNumber").GetString());
        Assert.Equal(OpenSslTime(certificate.NotAfter), clientCert.GetProperty("validity").GetProperty("notAfter").GetString());
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", clientCert.GetProperty("clientCertPem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_client_certificate_the_certificate_identity_source_is_missing_and_the_authorizer_is_not_called()
    {
        using var client = edge.Client(null);
        var before = edge.Function.Events.Count;

        using var response = await edge.EchoAsync(client, edge.PrivatePort, plain: true, path: "/authorized");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, edge.Function.Events.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("expired")]
    [InlineData("other-ca")]
    [InlineData("revoked")]
    public async Task A_missing_expired_foreign_or_revoked_client_certificate_is_refused_and_never_reaches_the_backend(string? name)
    {
        using var certificate = name is null ? null : edge.Pki.Load(name);
        using var client = edge.Client(certificate);
        var before = edge.Backend.RequestsReceived;

        await Assert.ThrowsAsync<HttpRequestException>(() => edge.EchoAsync(client, edge.MutualTlsPort));

        Assert.Equal(before, edge.Backend.RequestsReceived);
    }

    [Fact]
    public async Task A_certificate_from_a_trusted_intermediate_is_admitted_and_one_from_a_revoked_intermediate_is_refused()
    {
        using var viaIntermediate = edge.Pki.Load("via-intermediate");
        using var viaRevoked = edge.Pki.Load("via-revoked-intermediate");
        using var good = edge.Client(viaIntermediate);
        using var refused = edge.Client(viaRevoked);

        using var response = await edge.EchoAsync(good, edge.MutualTlsPort);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("CN=OrleansGateway Test Issuing CA", (await BackendHeadersAsync(response))["x-client-cert-issuer"]);
        await Assert.ThrowsAsync<HttpRequestException>(() => edge.EchoAsync(refused, edge.MutualTlsPort));
    }

    [Fact]
    public async Task Openssl_with_the_good_certificate_gets_200_over_TLS_1_2_and_TLS_1_3()
    {
        var tls12 = await OpenSslAsync(edge.MutualTlsPort, "good", "-tls1_2");
        var tls13 = await OpenSslAsync(edge.MutualTlsPort, "good", "-tls1_3");

        Assert.True(tls12.Answered200, tls12.Output);
        Assert.Equal("TLSv1.2", tls12.Protocol);
        Assert.True(tls13.Answered200, tls13.Output);
        Assert.Equal("TLSv1.3", tls13.Protocol);
    }

    [Theory]
    [InlineData(null, "-tls1_2")]
    [InlineData(null, "-tls1_3")]
    [InlineData("expired", "-tls1_2")]
    [InlineData("expired", "-tls1_3")]
    [InlineData("other-ca", "-tls1_2")]
    [InlineData("revoked", "-tls1_2")]
    [InlineData("revoked", "-tls1_3")]
    public async Task Openssl_without_an_acceptable_certificate_is_refused(string? name, string protocol)
    {
        var outcome = await OpenSslAsync(edge.MutualTlsPort, name, protocol);

        Assert.False(outcome.Answered200, outcome.Output);
        Assert.Matches("alert|error", outcome.Output);
    }

    [Fact]
    public async Task TLS_1_1_is_refused_even_by_a_listener_with_the_default_minimum()
    {
        // SECLEVEL=0 lets this OpenSSL offer TLS 1.1 at all; the refusal must come from the gateway.
        var tls11 = await OpenSslAsync(edge.MutualTlsPort, "good", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
        var tls11OnTls13Listener = await OpenSslAsync(edge.Tls13Port, null, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");

        Assert.Null(tls11.Protocol);
        Assert.False(tls11.Answered200, tls11.Output);
        Assert.Null(tls11OnTls13Listener.Protocol);
    }

    [Fact]
    public async Task A_listener_with_minimum_TLS_1_3_refuses_a_TLS_1_2_client_and_serves_a_TLS_1_3_one()
    {
        var tls12 = await OpenSslAsync(edge.Tls13Port, null, "-tls1_2");
        var tls13 = await OpenSslAsync(edge.Tls13Port, null, "-tls1_3");
        using var client12 = edge.Client(null, SslProtocols.Tls12);

        Assert.Null(tls12.Protocol);
        Assert.False(tls12.Answered200, tls12.Output);
        Assert.True(tls13.Answered200, tls13.Output);
        Assert.Equal("TLSv1.3", tls13.Protocol);
        await Assert.ThrowsAsync<HttpRequestException>(() => edge.EchoAsync(client12, edge.Tls13Port));
    }

    [Fact]
    public async Task A_request_on_the_private_listener_carries_its_vpc_endpoint_id_and_one_on_the_default_listener_does_not()
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });

        using var onPrivate = await edge.EchoAsync(client, edge.PrivatePort, plain: true);
        using var onDefault = await edge.EchoAsync(client, edge.DefaultPort, plain: true);

        Assert.Equal(HttpStatusCode.OK, onPrivate.StatusCode);
        Assert.Equal(MutualTlsEdge.VpcEndpointId, (await BackendHeadersAsync(onPrivate))["x-vpce"]);
        Assert.Equal(HttpStatusCode.OK, onDefault.StatusCode);
        var defaultHeaders = await BackendHeadersAsync(onDefault);
        Assert.False(defaultHeaders.ContainsKey("x-vpce"));
        Assert.False(defaultHeaders.ContainsKey("x-client-cert-subject"));
    }

    [Fact]
    public async Task Rewriting_the_CRL_file_refuses_a_newly_revoked_certificate_without_a_restart()
    {
        using var certificate = edge.Pki.Load("revoked-later");
        using (var client = edge.Client(certificate))
        using (var before = await edge.EchoAsync(client, edge.MutualTlsPort))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var revoked = edge.Pki.Load("revoked");
        edge.Pki.WriteCrl(revoked, certificate);

        using var after = edge.Client(certificate);
        await Assert.ThrowsAsync<HttpRequestException>(() => edge.EchoAsync(after, edge.MutualTlsPort));
        var openssl = await OpenSslAsync(edge.MutualTlsPort, "revoked-later", "-tls1_2");
        Assert.False(openssl.Answered200, openssl.Output);
    }

    private Task<OpenSslClient.Outcome> OpenSslAsync(int port, string? certificate, params string[] options) =>
        OpenSslClient.GetAsync(port, edge.Host, "/prod/echo", edge.Pki.CaPath,
            certificate is null ? null : edge.Pki.CertificatePath(certificate),
            certificate is null ? null : edge.Pki.KeyPath(certificate), options);

    private static async Task<Dictionary<string, string>> BackendHeadersAsync(HttpResponseMessage response)
    {
        using var echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return echo.RootElement.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    private static string OpenSslTime(DateTime local)
    {
        var utc = local.ToUniversalTime();
        return string.Create(CultureInfo.InvariantCulture, $"{utc:MMM} {utc.Day,2} {utc:HH:mm:ss yyyy} GMT");
    }
}
