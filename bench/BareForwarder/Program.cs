using System.Net;
using Yarp.ReverseProxy.Forwarder;

namespace OrleansGateway.BareForwarder;

/// <summary>
/// The proxy benchmark's baseline: every request forwarded to one fixed destination with YARP's
/// <see cref="IHttpForwarder"/>, shaped like YARP's direct-forwarding sample. Whatever the gateway
/// costs on top of this is the price of its routing, integrations and policies.
/// Usage: <c>OrleansGateway.BareForwarder --port N --destination http://127.0.0.1:M</c>.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static async Task Main(string[] args)
    {
        var port = int.Parse(Argument(args, "--port") ?? "8090", System.Globalization.CultureInfo.InvariantCulture);
        var destination = Argument(args, "--destination") ?? throw new ArgumentException("--destination http://127.0.0.1:M is required");
        if (!Uri.TryCreate(destination, UriKind.Absolute, out var destinationUri) || !IPAddress.TryParse(destinationUri.Host, out var host) || !IPAddress.IsLoopback(host))
        {
            throw new ArgumentException($"--destination must be an http URL on a loopback address, not '{destination}'");
        }

        // The same hosting defaults as the gateway (WebApplication.CreateBuilder) and the same log
        // level the benchmark gives it, so the two differ only in what happens per request.
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        builder.Services.AddHttpForwarder();
        var app = builder.Build();

        // One invoker for the process lifetime so connections to the destination are pooled,
        // configured as the sample does: the proxy passes responses through untouched.
        using var httpClient = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        });
        app.Map("/{**catch-all}", async (HttpContext httpContext, IHttpForwarder forwarder) =>
        {
            var error = await forwarder.SendAsync(httpContext, destination, httpClient, ForwarderRequestConfig.Empty, HttpTransformer.Default);
            if (error != ForwarderError.None && !httpContext.Response.HasStarted)
            {
                httpContext.Response.StatusCode = StatusCodes.Status502BadGateway;
            }
        });
        await app.RunAsync();
    }

    private static string? Argument(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
