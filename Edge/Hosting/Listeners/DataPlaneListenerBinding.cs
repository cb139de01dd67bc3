namespace OrleansGateway.Edge.Hosting.Listeners;

/// <summary>
/// What the gateway knows about the listener a data-plane request arrived on, set as an
/// <see cref="HttpContext"/> feature next to the public <see cref="DataPlaneListener"/>.
/// </summary>
/// <param name="Listener">The public feature (name, private, VPC endpoint id).</param>
/// <param name="ForwardClientCertificateHeaders">Whether backends get the <c>X-Client-Cert-*</c> headers.</param>
internal sealed record DataPlaneListenerBinding(DataPlaneListener Listener, bool ForwardClientCertificateHeaders)
{
    /// <summary>The <c>HttpPort</c>/<c>HttpsPort</c> listeners: public, named <c>default</c>.</summary>
    public static DataPlaneListenerBinding Default { get; } = new(new DataPlaneListener("default", IsPrivate: false, VpcEndpointId: null), false);
}
