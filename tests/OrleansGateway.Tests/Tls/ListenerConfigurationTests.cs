using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansGateway.Edge.Hosting.Listeners;
using OrleansGateway.Edge.Security.Tls;

namespace OrleansGateway.Tests.Tls;

/// <summary>Listener settings that cannot work stop the edge at start with a message naming the setting.</summary>
public sealed class ListenerConfigurationTests : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().BuildServiceProvider();

    [Theory]
    [InlineData("1.0")]
    [InlineData("1.1")]
    [InlineData("TLS_1_0")]
    [InlineData("tls1.2")]
    public void A_minimum_TLS_version_other_than_1_2_or_1_3_is_refused(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => MinimumTlsVersion.Parse(value, "Gateway:DataPlane:Listeners:x:MinimumTlsVersion"));
        Assert.Contains("Gateway:DataPlane:Listeners:x:MinimumTlsVersion", error.Message);
    }

    [Fact]
    public void Minimum_1_2_allows_TLS_1_2_and_1_3_and_minimum_1_3_only_TLS_1_3()
    {
        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, MinimumTlsVersion.Parse(null, "k"));
        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, MinimumTlsVersion.Parse("1.2", "k"));
        Assert.Equal(SslProtocols.Tls13, MinimumTlsVersion.Parse("1.3", "k"));
    }

    [Fact]
    public void Mutual_TLS_without_a_trust_store_or_without_a_server_certificate_is_refused()
    {
        var noTrustStore = Listener(mutual: true);
        noTrustStore.ClientCertificate.TrustStorePath = null;
        var noCertificate = Listener(mutual: true);
        noCertificate.CertificatePath = null;

        Assert.Contains("TrustStorePath", Assert.Throws<InvalidOperationException>(() => CustomListenerHttps.Create("a", noTrustStore, _services)).Message);
        Assert.Contains("server certificate", Assert.Throws<InvalidOperationException>(() => CustomListenerHttps.Create("b", noCertificate, _services)).Message);
    }

    [Fact]
    public void A_trust_store_without_a_root_CA_is_refused()
    {
        var listener = Listener(mutual: true);
        listener.ClientCertificate.TrustStorePath = _pki.CertificatePath("good");

        var error = Assert.Throws<InvalidOperationException>(() => CustomListenerHttps.Create("leaf-only", listener, _services));
        Assert.Contains("no root", error.Message);
    }

    [Fact]
    public void A_listener_without_a_certificate_is_plain_HTTP_and_one_with_a_certificate_requires_no_client_certificate_unless_asked()
    {
        var plain = Listener(mutual: false);
        plain.CertificatePath = null;

        Assert.Null(CustomListenerHttps.Create("plain", plain, _services));
        var https = CustomListenerHttps.Create("tls", Listener(mutual: false), _services)!;
        Assert.Equal(Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.NoCertificate, https.ClientCertificateMode);
        var mutual = CustomListenerHttps.Create("mtls", Listener(mutual: true), _services)!;
        Assert.Equal(Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.RequireCertificate, mutual.ClientCertificateMode);
    }

    [Fact]
    public void A_CRL_signed_by_a_CA_outside_the_trust_store_or_not_a_CRL_at_all_is_refused()
    {
        var foreign = Path.Combine(_pki.Directory, "foreign-crl.pem");
        _pki.WriteForeignCrl(foreign);
        var garbage = Path.Combine(_pki.Directory, "garbage-crl.pem");
        File.WriteAllText(garbage, "-----BEGIN X509 CRL-----\nbm90IGEgY3Js\n-----END X509 CRL-----\n");

        Assert.Contains("not signed by a trust-store CA", Assert.Throws<InvalidOperationException>(() => Revocations(foreign)).Message);
        Assert.Throws<InvalidOperationException>(() => Revocations(garbage));
    }

    [Fact]
    public void A_CRL_file_overwritten_with_garbage_keeps_the_certificates_it_revoked_revoked()
    {
        using var revoked = _pki.Load("revoked");
        using var good = _pki.Load("good");
        var crl = Revocations(_pki.CrlPath);
        Assert.True(crl.IsRevoked(revoked));
        Assert.False(crl.IsRevoked(good));

        File.WriteAllText(_pki.CrlPath, "half-written");

        Assert.True(crl.IsRevoked(revoked));
        Assert.False(crl.IsRevoked(good));
    }

    private CertificateRevocationListFile Revocations(string path)
    {
        var trustStore = new X509Certificate2Collection();
        trustStore.ImportFromPemFile(_pki.CaPath);
        return new CertificateRevocationListFile(path, trustStore, NullLogger.Instance);
    }

    private CustomDataPlaneListenerOptions Listener(bool mutual) => new()
    {
        Port = 1,
        CertificatePath = _pki.CertificatePath("server"),
        KeyPath = _pki.KeyPath("server"),
        ClientCertificate = new()
        {
            Mode = mutual ? ClientCertificateRequirement.Require : ClientCertificateRequirement.None,
            TrustStorePath = _pki.CaPath,
        },
    };

    public void Dispose()
    {
        _services.Dispose();
        _pki.Dispose();
    }
}
