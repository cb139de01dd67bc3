using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansGateway.Tests.Tls;

/// <summary>
/// A throw-away PKI written as PEM files to a temp directory: a CA (the trust store), a server
/// certificate for 127.0.0.1, client certificates that are good, expired, from another CA,
/// revoked, and good-until-revoked, and a CRL signed by the CA that lists the revoked one.
/// </summary>
internal sealed class TestPki : IDisposable
{
    private readonly X509Certificate2 _ca;
    private readonly X509Certificate2 _otherCa;
    private readonly X509Certificate2 _alwaysRevoked;
    private BigInteger _crlNumber = 1;

    public TestPki()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("og-tls-").FullName;
        var now = DateTimeOffset.UtcNow;
        _ca = CreateAuthority("CN=OrleansGateway Test Client CA, O=OrleansGateway Tests", now);
        var otherCa = _otherCa = CreateAuthority("CN=Some Other CA", now);
        using var intermediate = CreateIntermediate(_ca, "CN=OrleansGateway Test Issuing CA", now);
        using var revokedIntermediate = CreateIntermediate(_ca, "CN=Revoked Issuing CA", now);
        // The trust store is a bundle: the root and the intermediates it has issued.
        File.WriteAllLines(CaPath, [_ca.ExportCertificatePem(), intermediate.ExportCertificatePem(), revokedIntermediate.ExportCertificatePem()]);
        WritePem("other-ca.pem", otherCa);
        _alwaysRevoked = X509CertificateLoader.LoadCertificate(revokedIntermediate.RawData);

        Write("server", Issue(_ca, "CN=127.0.0.1", now.AddDays(-1), now.AddDays(30), server: true));
        Write("good", Issue(_ca, "CN=good-client, O=Tenant A", now.AddDays(-1), now.AddDays(30), server: false));
        Write("expired", Issue(_ca, "CN=expired-client", now.AddDays(-30), now.AddDays(-1), server: false));
        Write("other-ca", Issue(otherCa, "CN=other-ca-client", now.AddDays(-1), now.AddDays(30), server: false));
        Write("revoked", Issue(_ca, "CN=revoked-client", now.AddDays(-1), now.AddDays(30), server: false));
        Write("revoked-later", Issue(_ca, "CN=revoked-later-client", now.AddDays(-1), now.AddDays(30), server: false));
        Write("via-intermediate", Issue(intermediate, "CN=intermediate-client", now.AddDays(-1), now.AddDays(30), server: false));
        Write("via-revoked-intermediate", Issue(revokedIntermediate, "CN=revoked-intermediate-client", now.AddDays(-1), now.AddDays(30), server: false));
        WriteCrl(Load("revoked"));
    }

    public string Directory { get; }

    public string CaPath => Path.Combine(Directory, "ca.pem");

    public string CrlPath => Path.Combine(Directory, "crl.pem");

    public string CertificatePath(string name) => Path.Combine(Directory, name + ".pem");

    public string KeyPath(string name) => Path.Combine(Directory, name + ".key");

    /// <summary>The certificate <paramref name="name"/> with its private key, for an HttpClient.</summary>
    public X509Certificate2 Load(string name)
    {
        using var pem = X509Certificate2.CreateFromPemFile(CertificatePath(name), KeyPath(name));
        // Through PKCS#12 so SslStream gets a key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Rewrites the root's CRL so it lists <paramref name="revoked"/> and the revoked intermediate.</summary>
    public void WriteCrl(params X509Certificate2[] revoked) => WriteCrl(_ca, CrlPath, [_alwaysRevoked, .. revoked]);

    /// <summary>Writes to <paramref name="path"/> a CRL signed by the other CA (not in the trust store).</summary>
    public void WriteForeignCrl(string path, params X509Certificate2[] revoked) => WriteCrl(_otherCa, path, revoked);

    private void WriteCrl(X509Certificate2 issuer, string path, X509Certificate2[] revoked)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var certificate in revoked)
        {
            builder.AddEntry(certificate, DateTimeOffset.UtcNow.AddMinutes(-1), X509RevocationReason.KeyCompromise);
        }
        var der = builder.Build(issuer, _crlNumber++, DateTimeOffset.UtcNow.AddDays(7), HashAlgorithmName.SHA256);
        File.WriteAllText(path, PemEncoding.WriteString("X509 CRL", der));
    }

    private static X509Certificate2 CreateAuthority(string subject, DateTimeOffset now)
    {
        // Not disposed: the returned certificate signs with it.
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddDays(-60), now.AddDays(365));
    }

    private static X509Certificate2 CreateIntermediate(X509Certificate2 issuer, string subject, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var certificate = request.Create(issuer, now.AddDays(-30), now.AddDays(180), RandomNumberGenerator.GetBytes(8));
        return certificate.CopyWithPrivateKey(key);
    }

    private static (X509Certificate2 Certificate, ECDsa Key) Issue(X509Certificate2 issuer, string subject, DateTimeOffset notBefore, DateTimeOffset notAfter, bool server)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        return (request.Create(issuer, notBefore, notAfter, serial), key);
    }

    private void Write(string name, (X509Certificate2 Certificate, ECDsa Key) issued)
    {
        using var certificate = issued.Certificate;
        using var key = issued.Key;
        WritePem(name + ".pem", certificate);
        File.WriteAllText(KeyPath(name), key.ExportPkcs8PrivateKeyPem());
    }

    private void WritePem(string file, X509Certificate2 certificate) =>
        File.WriteAllText(Path.Combine(Directory, file), certificate.ExportCertificatePem());

    public void Dispose()
    {
        _ca.Dispose();
        _otherCa.Dispose();
        _alwaysRevoked.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
