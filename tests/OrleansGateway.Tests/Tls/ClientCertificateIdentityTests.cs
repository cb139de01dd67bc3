using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OrleansGateway.Edge.Security.Tls;

namespace OrleansGateway.Tests.Tls;

/// <summary>The client certificate fields are rendered the way API Gateway renders <c>identity.clientCert</c>.</summary>
public sealed class ClientCertificateIdentityTests
{
    [Fact]
    public void Serial_is_colon_separated_lower_case_hex_and_validity_uses_OpenSSL_time_with_a_space_padded_day()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=tenant-a, O=Example", key, HashAlgorithmName.SHA256);
        using var certificate = request.Create(
            new X500DistinguishedName("CN=Issuer CA"), X509SignatureGenerator.CreateForECDsa(key),
            new DateTimeOffset(2021, 8, 5, 9, 36, 4, TimeSpan.Zero), new DateTimeOffset(2031, 12, 25, 23, 0, 59, TimeSpan.Zero),
            [0x0A, 0xBC, 0x01]);

        var identity = ClientCertificateIdentity.FromCertificate(certificate);

        Assert.Equal("0a:bc:01", identity.SerialNumber);
        Assert.Equal("Aug  5 09:36:04 2021 GMT", identity.NotBeforeText);
        Assert.Equal("Dec 25 23:00:59 2031 GMT", identity.NotAfterText);
        Assert.Equal("CN=tenant-a, O=Example", identity.SubjectDN);
        Assert.Equal("CN=Issuer CA", identity.IssuerDN);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", identity.ClientCertPem, StringComparison.Ordinal);
    }
}
