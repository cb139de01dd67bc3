using System.Text.Json;

namespace OrleansGateway.Edge.DevMode;

/// <summary>
/// A small HTTP service that answers every request with a JSON description of it (method, path,
/// query, headers, body). Dev mode runs it so the sample API has a real backend; the benchmark
/// runs it standalone (<c>OrleansGateway.Edge echo-backend --port N</c>) so every variant hits the same backend.
/// </summary>
public static class EchoBackend
{
    /// <summary>The largest body echoed back; longer bodies are counted, not echoed.</summary>
    private const int MaxEchoedBody = 64 * 1024;

    /// <summary>Builds (does not start) the echo app on 127.0.0.1:<paramref name="port"/>.</summary>
    public static WebApplication Build(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        var app = builder.Build();
        app.Run(EchoAsync);
        return app;
    }

    private static async Task EchoAsync(HttpContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body))
        {
            var buffer = new char[MaxEchoedBody];
            var read = await reader.ReadBlockAsync(buffer, context.RequestAborted);
            body = new string(buffer, 0, read);
        }
        var echo = new Dictionary<string, object?>
        {
            ["method"] = request.Method,
            ["path"] = request.Path.Value,
            ["query"] = request.QueryString.Value,
            ["headers"] = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            ["body"] = body,
        };
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, echo, cancellationToken: context.RequestAborted);
    }
}
