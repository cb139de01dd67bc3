using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.Tls;

/// <summary>
/// A named listener that cannot be served safely stops the edge before it binds anything, with a
/// message naming the setting (Kestrel applies listener settings when its options are first read).
/// </summary>
public sealed class ListenerStartupTests : IDisposable
{
    private const string Listener = "--Gateway:DataPlane:Listeners:edge";
    private readonly TestPki _pki = new();

    public static TheoryData<string[], string> BadListeners() => new()
    {
        { [$"{Listener}:Address=0.0.0.0"], "Refusing plain HTTP on non-loopback address" },
        { [$"{Listener}:Private=true"], "needs VpcEndpointId" },
        { [$"{Listener}:MinimumTlsVersion=1.1", $"{Listener}:CertificatePath=SERVER_PEM", $"{Listener}:KeyPath=SERVER_KEY"], "MinimumTlsVersion '1.1' is not supported" },
        { [$"{Listener}:ClientCertificate:Mode=Require"], "needs a server certificate" },
        { ["--Gateway:DataPlane:Listeners:second:Port=SAME_PORT"], "must be a port no other listener uses" },
    };

    [Theory]
    [MemberData(nameof(BadListeners))]
    public void A_listener_that_cannot_be_served_safely_stops_the_edge_with_a_message(string[] settings, string message)
    {
        var port = FreePorts.Next();
        string[] arguments =
        [
            "--Gateway:Mode=Dev", "--Gateway:DataPlane:HttpPort=0", "--Gateway:DataPlane:HttpsPort=0", "--Gateway:Management:Port=0",
            $"--Gateway:Dev:DataDirectory={_pki.Directory}", $"{Listener}:Port={port}",
            .. settings.Select(setting => setting
                .Replace("SERVER_PEM", _pki.CertificatePath("server"), StringComparison.Ordinal)
                .Replace("SERVER_KEY", _pki.KeyPath("server"), StringComparison.Ordinal)
                .Replace("SAME_PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)),
        ];
        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            using var app = OrleansGateway.Edge.Program.Build(arguments);
            _ = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;
        });

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _pki.Dispose();
}
