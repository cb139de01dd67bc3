namespace OrleansGateway.Edge.Hosting.Listeners;

/// <summary>
/// One named data-plane listener (<c>Gateway:DataPlane:Listeners:{name}</c>): the stand-in for an
/// API Gateway custom domain (TLS policy, mutual TLS) or, when <see cref="Private"/>, for an
/// interface VPC endpoint that PRIVATE APIs are served on.
/// </summary>
public sealed class CustomDataPlaneListenerOptions
{
    /// <summary>The port to bind (required).</summary>
    public int Port { get; set; }

    /// <summary>Bind address; loopback by default. Plain HTTP is refused on a non-loopback address.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>PEM server certificate (with <see cref="KeyPath"/>); without a certificate the listener is plain HTTP.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="CertificatePath"/>; when unset the key is read from the certificate file.</summary>
    public string? KeyPath { get; set; }

    /// <summary>PKCS#12 server certificate, instead of <see cref="CertificatePath"/>.</summary>
    public string? PfxPath { get; set; }

    /// <summary>Password of <see cref="PfxPath"/>. Never logged.</summary>
    public string? PfxPassword { get; set; }

    /// <summary><c>1.2</c> (default, API Gateway's TLS_1_2 policy) or <c>1.3</c>; TLS 1.0 and 1.1 are always refused.</summary>
    public string MinimumTlsVersion { get; set; } = "1.2";

    /// <summary>Mutual TLS: whether a client certificate is required and what it must chain to.</summary>
    public ClientCertificateOptions ClientCertificate { get; set; } = new();

    /// <summary>True for a private listener: PRIVATE APIs are served here, and <c>aws:SourceVpce</c> is <see cref="VpcEndpointId"/>.</summary>
    public bool Private { get; set; }

    /// <summary>The <c>vpce-…</c> id this private listener stands for.</summary>
    public string? VpcEndpointId { get; set; }

    /// <summary>
    /// Send the client certificate's subject, issuer, serial and validity to backends as
    /// <c>X-Client-Cert-*</c> headers (any client-sent header of those names is always dropped).
    /// </summary>
    public bool ForwardClientCertificateHeaders { get; set; }
}
