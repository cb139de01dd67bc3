namespace OrleansGateway.Edge.DataPlane.Integrations.Resilience;

/// <summary>Gateway-wide settings of the connections to backends (<c>Gateway:Backends</c>).</summary>
public sealed class BackendResilienceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Gateway:Backends";

    /// <summary>
    /// A PEM file of CA certificates trusted for backend TLS in addition to the system's roots, so
    /// backends with certificates from an internal CA verify. Null: system roots only.
    /// </summary>
    public string? TrustStorePath { get; set; }

    /// <summary>
    /// Named PEM CA bundles (<c>Gateway:Backends:TrustStores:{name}</c>) that an integration opts into
    /// with <c>x-gateway-resilience</c> <c>tls.trustStore</c>, trusted for its backend only, in
    /// addition to the system's roots and <see cref="TrustStorePath"/>. API authors name a store;
    /// only the operator decides which files exist.
    /// </summary>
    public Dictionary<string, string> TrustStores { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The global off switch of circuit breakers and retries (<c>Gateway:Backends:Resilience:Enabled</c>).</summary>
    public ResilienceSwitch Resilience { get; set; } = new();

    /// <summary>The global off switch.</summary>
    public sealed class ResilienceSwitch
    {
        /// <summary>False turns every circuit breaker and every retry off, whatever the APIs ask for.</summary>
        public bool Enabled { get; set; } = true;
    }
}
