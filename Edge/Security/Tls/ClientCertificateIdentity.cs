using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace OrleansGateway.Edge.Security.Tls;

/// <summary>
/// The client certificate a mutual-TLS request arrived with, in the shape of API Gateway's
/// <c>requestContext.identity.clientCert</c> (<c>clientCertPem</c>, <c>subjectDN</c>,
/// <c>issuerDN</c>, <c>serialNumber</c>, <c>validity.notBefore</c>/<c>notAfter</c>). Set as an
/// <see cref="HttpContext"/> feature on every data-plane request that carried a certificate
/// (only listeners with <c>ClientCertificate:Mode=Require</c> ask for one); read it with
/// <c>context.Features.Get&lt;ClientCertificateIdentity&gt;()</c>. The certificate has already
/// passed the listener's trust store and CRL by the time a request exists.
/// </summary>
/// <param name="SubjectDN">Subject distinguished name, e.g. <c>CN=client.example.com, O=Example</c>.</param>
/// <param name="IssuerDN">Issuer distinguished name.</param>
/// <param name="SerialNumber">Serial number as lower-case colon-separated hex bytes, e.g. <c>0a:1b:2c</c>.</param>
/// <param name="NotBefore">Start of the validity period (UTC).</param>
/// <param name="NotAfter">End of the validity period (UTC).</param>
/// <param name="ClientCertPem">The certificate in PEM.</param>
public sealed record ClientCertificateIdentity(
    string SubjectDN,
    string IssuerDN,
    string SerialNumber,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string ClientCertPem)
{
    /// <summary><see cref="NotBefore"/> as API Gateway writes it: <c>May 28 12:30:02 2019 GMT</c>.</summary>
    public string NotBeforeText => FormatValidity(NotBefore);

    /// <summary><see cref="NotAfter"/> as API Gateway writes it: <c>Aug  5 09:36:04 2021 GMT</c>.</summary>
    public string NotAfterText => FormatValidity(NotAfter);

    /// <summary>Reads the fields of <paramref name="certificate"/>.</summary>
    public static ClientCertificateIdentity FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new(
            certificate.Subject,
            certificate.Issuer,
            FormatSerial(certificate.SerialNumber),
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            certificate.ExportCertificatePem());
    }

    // OpenSSL's (and so API Gateway's) ASN1_TIME text: month, space-padded day, time, year, GMT.
    private static string FormatValidity(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{utc:MMM} {utc.Day,2} {utc:HH:mm:ss yyyy} GMT");
    }

    private static string FormatSerial(string hex)
    {
        var lower = hex.ToLowerInvariant();
        if (lower.Length % 2 == 1)
        {
            lower = "0" + lower;
        }
        return string.Join(':', Enumerable.Range(0, lower.Length / 2).Select(i => lower.Substring(i * 2, 2)));
    }
}
