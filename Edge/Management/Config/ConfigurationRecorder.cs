using OrleansGateway.Edge.Management.Audit;
using OrleansGateway.Grains.Interfaces.ConfigHistory;

namespace OrleansGateway.Edge.Management.Config;

/// <summary>
/// Turns each successful mutating management call into configuration items (after: read back from
/// the grains or taken from the call; before: the resource's previous item), evaluates the rules
/// that cover them, and runs automatic remediation, whose own change is recorded and evaluated too.
/// </summary>
internal sealed class ConfigurationRecorder(IGrainFactory grains, ConfigurationReader reader, ConfigRuleEngine rules, ConfigRemediation remediation) : IManagementCallListener
{
    public async ValueTask OnCallAsync(ManagementCall call, CancellationToken cancellationToken)
    {
        foreach (var target in ConfigurationTargets.Of(call))
        {
            var configuration = target.Source switch
            {
                ConfigurationSource.ReadAfter => await reader.ReadAsync(target.ResourceType, target.ResourceId),
                ConfigurationSource.Response => call.ResponseBody?.ToJsonString(),
                ConfigurationSource.Request => call.RequestParameters?.ToJsonString(),
                _ => null,
            };
            var item = await RecordAsync(target.ResourceType, target.ResourceId, configuration, call.EventTime, call.EventName, call.EventId);
            foreach (var rule in await rules.EvaluateChangeAsync(item))
            {
                if (await remediation.RunAsync(rule, item, cancellationToken) is { } remediationEvent)
                {
                    var remediated = await RecordAsync(item.ResourceType, item.ResourceId, await reader.ReadAsync(item.ResourceType, item.ResourceId),
                        DateTimeOffset.UtcNow, "UpdateRestApi", remediationEvent);
                    // Evaluated but never remediated again: a remediation that does not fix the rule must not loop.
                    await rules.EvaluateChangeAsync(remediated);
                }
            }
        }
    }

    private Task<ConfigurationItem> RecordAsync(string type, string id, string? configuration, DateTimeOffset time, string eventName, Guid eventId) =>
        grains.GetGrain<IConfigHistoryGrain>(IConfigHistoryGrain.KeyFor(type, id))
            .Record(new ConfigurationChange(type, id, configuration, time, eventName, eventId.ToString()));
}
