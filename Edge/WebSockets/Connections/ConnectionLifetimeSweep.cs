using System.Net.WebSockets;
using Microsoft.Extensions.Options;

namespace OrleansGateway.Edge.WebSockets.Connections;

/// <summary>
/// One shared sweep (not a timer per connection) that closes connections idle longer than the
/// idle timeout or open longer than the maximum duration, with 1001 as API Gateway does.
/// </summary>
internal sealed class ConnectionLifetimeSweep(ConnectionRegistry registry, IOptions<WebSocketApiOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var limits = options.Value;
        using var timer = new PeriodicTimer(limits.SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = Environment.TickCount64;
            var idle = (long)limits.IdleTimeout.TotalMilliseconds;
            var max = (long)limits.MaxConnectionDuration.TotalMilliseconds;
            foreach (var connection in registry.All)
            {
                if (now - connection.OpenedTicks > max || now - connection.LastActiveTicks > idle)
                {
                    _ = connection.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "Going away");
                }
            }
        }
    }
}
