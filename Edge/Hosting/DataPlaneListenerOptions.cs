using OrleansGateway.Edge.Hosting.Listeners;

namespace OrleansGateway.Edge.Hosting;

/// <summary>Where the data plane listens (<c>Gateway:DataPlane</c>).</summary>
public sealed class DataPlaneListenerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Gateway:DataPlane";

    /// <summary>Bind address; loopback by default.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Plain HTTP port; 0 disables it.</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>HTTPS port; 0 disables it.</summary>
    public int HttpsPort { get; set; } = 8443;

    /// <summary>Plain HTTP on a non-loopback address is refused unless this is set.</summary>
    public bool AllowPlainHttpOnNonLoopback { get; set; }

    /// <summary>PFX certificate for HTTPS; dev mode generates a self-signed one when unset.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of <see cref="CertificatePath"/>.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Minimum TLS version of the <see cref="HttpsPort"/> listener: <c>1.2</c> (default) or <c>1.3</c>.</summary>
    public string MinimumTlsVersion { get; set; } = "1.2";

    /// <summary>Largest request body accepted (API Gateway: 10 MB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Deepest JSON nesting a request body may have, for the edge's JSON check and for request
    /// validation alike (<c>Gateway:Validation:MaxJsonDepth</c> is the older name of the same setting).
    /// </summary>
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>
    /// Named listeners (<c>Gateway:DataPlane:Listeners:{name}</c>) besides <see cref="HttpPort"/> and
    /// <see cref="HttpsPort"/>: custom domains with their own certificate, TLS policy and mutual TLS,
    /// and private listeners.
    /// </summary>
    public Dictionary<string, CustomDataPlaneListenerOptions> Listeners { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
