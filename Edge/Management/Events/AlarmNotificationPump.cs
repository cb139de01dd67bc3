using System.Globalization;
using System.Text.Json.Nodes;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.Management.Audit;
using OrleansGateway.Grains.Interfaces.Alarms;

namespace OrleansGateway.Edge.Management.Events;

/// <summary>
/// Claims alarm transitions from the alarms grain's outbox (one edge at a time per transition) and
/// publishes each as a <c>CloudWatch Alarm State Change</c> event, sent to the alarm's actions for the
/// new state and to matching event rules. A transition is acknowledged once queued here: if this edge
/// stops before sending it, it is not redelivered (at most once).
/// </summary>
internal sealed partial class AlarmNotificationPump(IGrainFactory grains, EventPublisher publisher, EdgeIdentity edge, AuditSettings settings, ILogger<AlarmNotificationPump> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var alarms = grains.GetGrain<IAlarmsGrain>(IAlarmsGrain.Key);
                var claimed = await alarms.ClaimNotifications(edge.Id, 100);
                if (claimed.Count == 0)
                {
                    continue;
                }
                foreach (var notification in claimed)
                {
                    publisher.Publish(Event(notification), notification.Actions);
                }
                await alarms.AckNotifications([.. claimed.Select(n => n.Sequence)]);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ClaimFailed(logger, e);
            }
        }
    }

    private JsonObject Event(AlarmNotification notification)
    {
        var arn = $"arn:aws:cloudwatch:us-east-1:{settings.AccountId}:alarm:{notification.AlarmName}";
        var time = notification.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        return GatewayEvents.Envelope("aws.cloudwatch", "CloudWatch Alarm State Change", notification.Time, settings.AccountId, "us-east-1", [arn], new JsonObject
        {
            ["alarmName"] = notification.AlarmName,
            ["state"] = new JsonObject { ["value"] = notification.NewState, ["reason"] = notification.Reason, ["timestamp"] = time },
            ["previousState"] = new JsonObject { ["value"] = notification.OldState },
        });
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7403, Level = LogLevel.Warning, Message = "Alarm notifications could not be claimed; retrying.")]
        public static partial void ClaimFailed(ILogger logger, Exception exception);
    }
}
