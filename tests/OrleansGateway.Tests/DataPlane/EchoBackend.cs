using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansGateway.Tests.DataPlane;

/// <summary>
/// A real Kestrel backend on 127.0.0.1 that echoes what it received as JSON. Query parameters
/// steer it: <c>sleep=ms</c> delays the response headers, <c>status=n</c> sets the status,
/// <c>stream=n</c> streams n chunks with pauses between them.
/// </summary>
internal sealed class EchoBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoBackend(WebApplication app, string name, Uri address)
    {
        _app = app;
        Name = name;
        Address = address;
    }

    public string Name { get; }

    /// <summary>How many requests have arrived (counted before any sleep).</summary>
    public int RequestsReceived => _requestsReceived;

    private int _requestsReceived;

    /// <summary>Base address without trailing slash, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public Uri Address { get; }

    public string Url => Address.ToString().TrimEnd('/');

    public static async Task<EchoBackend> StartAsync(string name = "backend")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            options.Limits.MaxRequestBodySize = null;
        });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        EchoBackend? backend = null;
        app.Run(context =>
        {
            Interlocked.Increment(ref backend!._requestsReceived);
            return EchoAsync(context, name);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        backend = new EchoBackend(app, name, new Uri(address));
        return backend;
    }

    private static async Task EchoAsync(HttpContext context, string name)
    {
        var query = context.Request.Query;
        if (int.TryParse(query["sleep"], CultureInfo.InvariantCulture, out var sleep))
        {
            await Task.Delay(sleep, context.RequestAborted);
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);

        context.Response.StatusCode = int.TryParse(query["status"], CultureInfo.InvariantCulture, out var status) ? status : 200;
        context.Response.Headers["X-Backend"] = name;
        context.Response.Headers["X-Backend-Extra"] = "extra";
        if (int.TryParse(query["stream"], CultureInfo.InvariantCulture, out var chunks))
        {
            context.Response.ContentType = "text/plain";
            for (var i = 0; i < chunks; i++)
            {
                await context.Response.WriteAsync($"chunk{i};", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(50, context.RequestAborted);
            }
            return;
        }

        var echo = new Dictionary<string, object?>
        {
            ["backend"] = name,
            ["method"] = context.Request.Method,
            ["path"] = context.Request.Path.Value,
            ["rawTarget"] = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
            ["query"] = context.Request.QueryString.Value,
            ["headers"] = context.Request.Headers.ToDictionary(pair => pair.Key.ToLowerInvariant(), pair => pair.Value.ToString()),
            ["bodyLength"] = body.Length,
            ["body"] = System.Text.Encoding.UTF8.GetString(body.ToArray()),
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(echo), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
