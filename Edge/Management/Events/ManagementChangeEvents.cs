using System.Text.Json.Nodes;
using OrleansGateway.Edge.Management.Audit;

namespace OrleansGateway.Edge.Management.Events;

/// <summary>
/// Publishes every successful mutating management call as an event: source <c>aws.apigateway</c>
/// (or <c>aws.iam</c>, <c>aws.wafv2</c>, …), detail-type <c>AWS API Call via CloudTrail</c>, and in the
/// detail a <c>changeType</c> of <c>created</c>, <c>updated</c>, <c>deleted</c> or <c>deployed</c>.
/// </summary>
internal sealed class ManagementChangeEvents(EventPublisher publisher, AuditSettings settings) : IManagementCallListener
{
    public ValueTask OnCallAsync(ManagementCall call, CancellationToken cancellationToken)
    {
        if (!call.Succeeded || call.ReadOnly)
        {
            return ValueTask.CompletedTask;
        }
        var source = "aws." + call.EventSource.Split('.')[0];
        var detail = new JsonObject
        {
            ["eventVersion"] = "1.08",
            ["eventID"] = call.EventId.ToString(),
            ["eventName"] = call.EventName,
            ["eventSource"] = call.EventSource,
            ["changeType"] = ChangeType(call.EventName),
            ["userIdentity"] = new JsonObject { ["accessKeyId"] = call.AccessKeyId, ["userName"] = call.UserName },
            ["sourceIPAddress"] = call.SourceIpAddress,
            ["requestParameters"] = call.RequestParameters?.DeepClone(),
            ["resources"] = new JsonArray([.. call.Resources.Select(r => (JsonNode)new JsonObject { ["type"] = r.Type, ["name"] = r.Name })]),
        };
        publisher.Publish(GatewayEvents.Envelope(source, "AWS API Call via CloudTrail", call.EventTime, settings.AccountId, call.Region,
            call.Resources.Select(r => $"{r.Type}/{r.Name}"), detail));
        return ValueTask.CompletedTask;
    }

    private static string ChangeType(string eventName) => eventName switch
    {
        "CreateDeployment" => "deployed",
        _ when eventName.StartsWith("Create", StringComparison.Ordinal) || eventName.StartsWith("Import", StringComparison.Ordinal)
            || eventName.StartsWith("Generate", StringComparison.Ordinal) => "created",
        _ when eventName.StartsWith("Delete", StringComparison.Ordinal) => "deleted",
        _ => "updated",
    };
}
