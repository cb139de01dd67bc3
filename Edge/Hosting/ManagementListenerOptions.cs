namespace OrleansGateway.Edge.Hosting;

/// <summary>Where the management API listens (<c>Gateway:Management</c>).</summary>
public sealed class ManagementListenerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Gateway:Management";

    /// <summary>Bind address; loopback by default. Any other address requires HTTPS.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Port; 0 disables the management listener on this edge.</summary>
    public int Port { get; set; } = 9090;

    /// <summary>PFX certificate, required when <see cref="Address"/> is not loopback.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of <see cref="CertificatePath"/>.</summary>
    public string? CertificatePassword { get; set; }
}
