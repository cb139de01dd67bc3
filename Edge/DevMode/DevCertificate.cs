using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansGateway.Edge.DevMode;

/// <summary>A self-signed certificate for dev mode's HTTPS listener, generated on first start and reused.</summary>
internal static class DevCertificate
{
    private const string FileName = "dev-certificate.pfx";

    public static X509Certificate2 LoadOrCreate(string dataDirectory)
    {
        var path = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        if (File.Exists(path))
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
            if (existing.NotAfter > DateTime.UtcNow.AddDays(1))
            {
                return existing;
            }
        }

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=OrleansGateway dev", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName("*.execute-api.localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        var pfx = created.Export(X509ContentType.Pfx);
        PrivateFile.Write(path, pfx);
        return X509CertificateLoader.LoadPkcs12(pfx, password: null);
    }
}
