namespace OrleansGateway.Edge.Hosting;

/// <summary>
/// The data-plane listener a request arrived on, set as an <see cref="HttpContext"/> feature for
/// every data-plane request. Resource policies read <see cref="VpcEndpointId"/> as
/// <c>aws:SourceVpce</c>; PRIVATE APIs are served only where <see cref="IsPrivate"/> is true.
/// </summary>
/// <param name="Name">The listener's configured name (e.g. <c>public</c>, <c>internal</c>).</param>
/// <param name="IsPrivate">True for a listener marked private (the stand-in for an interface VPC endpoint).</param>
/// <param name="VpcEndpointId">The <c>vpce-…</c> id the listener stands for, when private.</param>
public sealed record DataPlaneListener(string Name, bool IsPrivate, string? VpcEndpointId);
