namespace OrleansGateway.Edge.Hosting.Listeners;

/// <summary>Whether a listener asks for a client certificate.</summary>
public enum ClientCertificateRequirement
{
    /// <summary>No client certificate is requested.</summary>
    None,

    /// <summary>Mutual TLS: a client certificate that chains to the trust store is required, or the handshake is refused.</summary>
    Require,
}
