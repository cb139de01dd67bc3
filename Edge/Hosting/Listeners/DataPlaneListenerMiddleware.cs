using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using OrleansGateway.Edge.Security.Tls;

namespace OrleansGateway.Edge.Hosting.Listeners;

/// <summary>
/// Tells every data-plane request which listener it arrived on (<see cref="DataPlaneListener"/>)
/// and, on a mutual-TLS listener, which client certificate it presented
/// (<see cref="ClientCertificateIdentity"/>), for resource policies, authorizers and backends.
/// </summary>
internal sealed class DataPlaneListenerMiddleware
{
    // One identity per TLS connection: the connection's certificate object is the key, so the
    // PEM and names are built once per handshake, not once per request on a kept-alive connection.
    private static readonly ConditionalWeakTable<X509Certificate2, ClientCertificateIdentity> Identities = [];

    private readonly RequestDelegate _next;
    private readonly DataPlaneListenerTable _listeners;

    public DataPlaneListenerMiddleware(RequestDelegate next, DataPlaneListenerTable listeners)
    {
        _next = next;
        _listeners = listeners;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var binding = _listeners.Resolve(context.Connection.LocalPort);
        context.Features.Set(binding.Listener);
        if (binding.ForwardClientCertificateHeaders)
        {
            // Only where it changes something: the integration reads it to add X-Client-Cert-*.
            context.Features.Set(binding);
        }
        if (context.Connection.ClientCertificate is { } certificate)
        {
            context.Features.Set(Identities.GetValue(certificate, ClientCertificateIdentity.FromCertificate));
        }
        return _next(context);
    }
}
