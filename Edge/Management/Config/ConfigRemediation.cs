using System.Text.Json.Nodes;
using OrleansGateway.Edge.Management.Audit;
using OrleansGateway.Grains.Interfaces.ConfigHistory;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Config;

/// <summary>
/// Automatic remediation (Config's <c>PutRemediationConfigurations</c> with <c>Automatic: true</c>).
/// One action exists: <see cref="SetEndpointTypePrivate"/> puts a REST API's endpoint type back to
/// PRIVATE. Each run is itself an audited call (user <c>config-remediation</c>, source <c>config.amazonaws.com</c>).
/// </summary>
internal sealed partial class ConfigRemediation(IGrainFactory grains, AuditTrail trail, TimeProvider timeProvider, ILogger<ConfigRemediation> logger)
{
    /// <summary>The remediation's <c>TargetId</c>.</summary>
    public const string SetEndpointTypePrivate = "Gateway-SetEndpointTypePrivate";

    /// <summary>The remediation actions that exist.</summary>
    public static readonly string[] Targets = [SetEndpointTypePrivate];

    /// <summary>Runs the rule's remediation on the item; the audit event id when something was changed.</summary>
    public async Task<Guid?> RunAsync(ConfigRule rule, ConfigurationItem item, CancellationToken cancellationToken)
    {
        if (rule.AutoRemediation != SetEndpointTypePrivate || item.ResourceType != ConfigResourceTypes.RestApi)
        {
            return null;
        }
        var patch = new PatchOperation("replace", "/endpointConfiguration/types/0", "PRIVATE", null);
        var time = timeProvider.GetUtcNow();
        int status;
        string? error = null;
        try
        {
            await grains.GetGrain<IRestApiGrain>(item.ResourceId).Update([patch]);
            status = StatusCodes.Status200OK;
        }
        catch (ManagementException e)
        {
            status = StatusCodes.Status400BadRequest;
            error = e.ErrorType.ToString();
            Log.Failed(logger, rule.Name, item.ResourceId, e.Message);
        }
        var call = new ManagementCall
        {
            EventId = Guid.NewGuid(),
            EventTime = time,
            EventSource = "apigateway.amazonaws.com",
            EventName = "UpdateRestApi",
            ReadOnly = false,
            AccessKeyId = "gateway-remediation",
            UserName = "config-remediation",
            SourceIpAddress = "config.amazonaws.com",
            UserAgent = "config.amazonaws.com",
            Region = "us-east-1",
            RequestParameters = new JsonObject
            {
                ["restApiId"] = item.ResourceId,
                ["configRuleName"] = rule.Name,
                ["remediation"] = SetEndpointTypePrivate,
                ["body"] = new JsonObject { ["patchOperations"] = new JsonArray(new JsonObject { ["op"] = patch.Op, ["path"] = patch.Path, ["value"] = patch.Value }) },
            },
            Resources = [new AuditResource(ConfigResourceTypes.RestApi, item.ResourceId)],
            StatusCode = status,
            ErrorCode = error,
        };
        await trail.AppendAsync(call, cancellationToken);
        if (error is null)
        {
            Log.Remediated(logger, rule.Name, item.ResourceId);
        }
        return error is null ? call.EventId : null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7202, Level = LogLevel.Information, Message = "Rule {Rule}: REST API {RestApiId} put back to PRIVATE.")]
        public static partial void Remediated(ILogger logger, string rule, string restApiId);

        [LoggerMessage(EventId = 7203, Level = LogLevel.Warning, Message = "Rule {Rule}: remediation of REST API {RestApiId} failed: {Reason}")]
        public static partial void Failed(ILogger logger, string rule, string restApiId, string reason);
    }
}
