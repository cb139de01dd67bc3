using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using OrleansGateway.Edge.DataPlane.InputLimits;
using OrleansGateway.Edge.DevMode;
using OrleansGateway.Edge.Hosting.Listeners;
using OrleansGateway.Edge.Security.Tls;

namespace OrleansGateway.Edge.Hosting;

/// <summary>
/// Binds the data-plane and management listeners. Control-plane traffic never leaves the machine
/// unencrypted: the management listener on a non-loopback address requires a certificate, and
/// plain-HTTP data-plane listeners on non-loopback addresses are refused unless explicitly allowed.
/// </summary>
internal static class GatewayListeners
{
    public static void Configure(WebApplicationBuilder builder, GatewayOptions gateway)
    {
        var dataPlane = builder.Configuration.GetSection(DataPlaneListenerOptions.Section).Get<DataPlaneListenerOptions>() ?? new();
        var management = builder.Configuration.GetSection(ManagementListenerOptions.Section).Get<ManagementListenerOptions>() ?? new();
        var dev = builder.Configuration.GetSection(DevModeOptions.Section).Get<DevModeOptions>() ?? new();

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ApplyInputLimits(builder.Configuration);
            var dataAddress = ParseAddress(dataPlane.Address, "Gateway:DataPlane:Address");
            if (dataPlane.HttpPort > 0)
            {
                if (!IPAddress.IsLoopback(dataAddress) && !dataPlane.AllowPlainHttpOnNonLoopback)
                {
                    throw new InvalidOperationException(
                        $"Refusing plain HTTP on non-loopback address {dataAddress}: set Gateway:DataPlane:HttpPort=0 and use HTTPS, " +
                        "or set Gateway:DataPlane:AllowPlainHttpOnNonLoopback=true.");
                }
                kestrel.Listen(dataAddress, dataPlane.HttpPort, l => l.Protocols = HttpProtocols.Http1AndHttp2);
            }
            if (dataPlane.HttpsPort > 0)
            {
                var certificate = LoadCertificate(dataPlane.CertificatePath, dataPlane.CertificatePassword)
                    ?? (gateway.Mode == GatewayMode.Dev
                        ? DevCertificate.LoadOrCreate(dev.DataDirectory)
                        : throw new InvalidOperationException("Gateway:DataPlane:HttpsPort is set but Gateway:DataPlane:CertificatePath is not."));
                var protocols = MinimumTlsVersion.Parse(dataPlane.MinimumTlsVersion, $"{DataPlaneListenerOptions.Section}:MinimumTlsVersion");
                kestrel.Listen(dataAddress, dataPlane.HttpsPort, l => l.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate,
                    SslProtocols = protocols,
                }));
            }

            ConfigureCustomListeners(kestrel, dataPlane, management);

            if (management.Port > 0)
            {
                var managementAddress = ParseAddress(management.Address, "Gateway:Management:Address");
                var certificate = LoadCertificate(management.CertificatePath, management.CertificatePassword);
                if (certificate is null && !IPAddress.IsLoopback(managementAddress))
                {
                    throw new InvalidOperationException(
                        $"The management listener on non-loopback address {managementAddress} requires HTTPS: set Gateway:Management:CertificatePath.");
                }
                kestrel.Listen(managementAddress, management.Port, l =>
                {
                    if (certificate is not null)
                    {
                        l.UseHttps(certificate);
                    }
                });
            }
        });
    }

    private static void ConfigureCustomListeners(KestrelServerOptions kestrel, DataPlaneListenerOptions dataPlane, ManagementListenerOptions management)
    {
        var ports = new HashSet<int> { dataPlane.HttpPort, dataPlane.HttpsPort, management.Port };
        foreach (var (name, listener) in dataPlane.Listeners)
        {
            var key = $"{DataPlaneListenerOptions.Section}:Listeners:{name}";
            // Requests are matched to listeners by local port, so each needs its own.
            if (listener.Port is <= 0 or > 65535 || !ports.Add(listener.Port))
            {
                throw new InvalidOperationException($"{key}:Port must be a port no other listener uses (got {listener.Port}).");
            }
            if (listener.Private && string.IsNullOrWhiteSpace(listener.VpcEndpointId))
            {
                throw new InvalidOperationException($"{key}: a private listener needs VpcEndpointId (the aws:SourceVpce its requests carry).");
            }
            var address = ParseAddress(listener.Address, $"{key}:Address");
            var https = CustomListenerHttps.Create(name, listener, kestrel.ApplicationServices);
            if (https is null && !IPAddress.IsLoopback(address) && !dataPlane.AllowPlainHttpOnNonLoopback)
            {
                throw new InvalidOperationException(
                    $"Refusing plain HTTP on non-loopback address {address} for {key}: set CertificatePath or PfxPath, " +
                    "or set Gateway:DataPlane:AllowPlainHttpOnNonLoopback=true.");
            }
            kestrel.Listen(address, listener.Port, l =>
            {
                l.Protocols = HttpProtocols.Http1AndHttp2;
                if (https is not null)
                {
                    l.UseHttps(https);
                }
            });
        }
    }

    private static IPAddress ParseAddress(string address, string key) =>
        address.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(address, out var parsed) ? parsed
        : throw new InvalidOperationException($"{key} '{address}' is not an IP address.");

    private static X509Certificate2? LoadCertificate(string? path, string? password) =>
        string.IsNullOrEmpty(path) ? null : X509CertificateLoader.LoadPkcs12FromFile(path, password);
}
