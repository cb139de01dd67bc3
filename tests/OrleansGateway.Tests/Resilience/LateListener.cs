using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansGateway.Tests.Resilience;

/// <summary>
/// A port that refuses connections until <see cref="StartAsync"/> makes it listen, then answers
/// every connection with <c>200 ok</c> and counts the connections it accepted.
/// </summary>
internal sealed class LateListener : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;
    private int _accepted;

    public LateListener()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public int ConnectionsAccepted => Volatile.Read(ref _accepted);

    /// <summary>Starts listening after <paramref name="delay"/>.</summary>
    public void StartAfter(TimeSpan delay) => _accepting = Task.Run(async () =>
    {
        await Task.Delay(delay, _stop.Token);
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _accepted);
            var stream = client.GetStream();
            var buffer = new byte[8192];
            await stream.ReadAtLeastAsync(buffer, 1, throwOnEndOfStream: false, _stop.Token);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"), _stop.Token);
        }
    });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener?.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping is the point.
        }
        _stop.Dispose();
    }
}
