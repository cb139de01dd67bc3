using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansGateway.Tests.ClientCertificates;

/// <summary>
/// A real Kestrel HTTPS backend on 127.0.0.1 that requires a client certificate and accepts only
/// the ones pinned (by their exact DER bytes); it answers with the thumbprint it was shown and
/// counts the requests that got through and the handshakes it refused.
/// </summary>
internal sealed class PinningHttpsBackend : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte[]> _pinned = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private int _requests;
    private int _refused;

    private PinningHttpsBackend(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public int Requests => Volatile.Read(ref _requests);

    public int RefusedHandshakes => Volatile.Read(ref _refused);

    /// <summary>Thumbprints of the certificates presented in refused handshakes.</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    /// <summary>Accepts the certificate a GenerateClientCertificate response carried.</summary>
    public void Pin(string pemEncodedCertificate)
    {
        using var certificate = X509Certificate2.CreateFromPem(pemEncodedCertificate);
        _pinned[certificate.Thumbprint] = certificate.RawData;
    }

    public static async Task<PinningHttpsBackend> StartAsync(X509Certificate2 serverCertificate)
    {
        PinningHttpsBackend? self = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(serverCertificate, https =>
        {
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            // The pin is the whole trust decision: the certificates are self-signed, so chain errors are expected.
            https.ClientCertificateValidation = (certificate, _, _) => self!.Accepts(certificate);
        })));
        var app = builder.Build();
        app.Run(async context =>
        {
            Interlocked.Increment(ref self!._requests);
            await context.Response.WriteAsync(context.Connection.ClientCertificate?.Thumbprint ?? "none");
        });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        self = new PinningHttpsBackend(app, url);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private bool Accepts(X509Certificate2 certificate)
    {
        if (_pinned.TryGetValue(certificate.Thumbprint, out var pinned) && pinned.AsSpan().SequenceEqual(certificate.RawData))
        {
            return true;
        }
        Interlocked.Increment(ref _refused);
        Refused.Enqueue(certificate.Thumbprint);
        return false;
    }
}
