namespace OrleansGateway.Edge.Hosting.Listeners;

/// <summary>Mutual TLS settings of a listener (<c>Gateway:DataPlane:Listeners:{name}:ClientCertificate</c>).</summary>
public sealed class ClientCertificateOptions
{
    /// <summary><see cref="ClientCertificateRequirement.None"/> (default) or <see cref="ClientCertificateRequirement.Require"/>.</summary>
    public ClientCertificateRequirement Mode { get; set; } = ClientCertificateRequirement.None;

    /// <summary>PEM bundle of the CAs (roots and intermediates) a client certificate must chain to; the system roots are never used.</summary>
    public string? TrustStorePath { get; set; }

    /// <summary>Optional CRL (PEM or DER, one or more) issued by a trust-store CA; re-read when the file changes.</summary>
    public string? CrlPath { get; set; }
}
