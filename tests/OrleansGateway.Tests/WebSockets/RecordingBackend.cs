using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace OrleansGateway.Tests.WebSockets;

/// <summary>A real HTTP backend on a free loopback port that records each integration call's JSON event by path.</summary>
public sealed class RecordingBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RecordingBackend(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>Every call: (path, event JSON).</summary>
    public ConcurrentQueue<(string Path, JsonElement Event)> Calls { get; } = new();

    /// <summary>Starts the backend.</summary>
    public static async Task<RecordingBackend> StartAsync()
    {
        var port = TestSupport.FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var backend = new RecordingBackend(app, port);
        app.Run(async context =>
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body);
            backend.Calls.Enqueue((context.Request.Path.Value ?? "/", document.RootElement.Clone()));
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await app.StartAsync();
        return backend;
    }

    /// <summary>The URL of <paramref name="path"/> on this backend.</summary>
    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    /// <summary>Connection ids seen on calls to <paramref name="path"/>.</summary>
    public IReadOnlyList<string> ConnectionIdsAt(string path) =>
        Calls.Where(call => call.Path == path).Select(call => call.Event.GetProperty("requestContext").GetProperty("connectionId").GetString()!).ToList();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
