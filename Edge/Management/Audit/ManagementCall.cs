using System.Text.Json.Nodes;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>One finished management call, as the audit trail and the change listeners see it.</summary>
public sealed record ManagementCall
{
    /// <summary>A fresh id for the event.</summary>
    public required Guid EventId { get; init; }

    /// <summary>When the call arrived.</summary>
    public required DateTimeOffset EventTime { get; init; }

    /// <summary><c>apigateway.amazonaws.com</c>, <c>iam.amazonaws.com</c>, <c>wafv2.amazonaws.com</c>, ….</summary>
    public required string EventSource { get; init; }

    /// <summary>The operation, e.g. <c>CreateRestApi</c>.</summary>
    public required string EventName { get; init; }

    /// <summary>Whether the operation only reads.</summary>
    public required bool ReadOnly { get; init; }

    /// <summary>
    /// CloudTrail's <c>userIdentity.type</c>: <c>IAMUser</c> for a verified signer, <c>Unknown</c> for a
    /// call refused before its signer was proven (then only the claimed access key id is known).
    /// </summary>
    public string IdentityType { get; init; } = "IAMUser";

    /// <summary>The signer's access key id (claimed, for a refused call; empty when none was readable).</summary>
    public required string AccessKeyId { get; init; }

    /// <summary>The user the key belongs to.</summary>
    public required string UserName { get; init; }

    /// <summary>The caller's address as the listener saw it.</summary>
    public required string SourceIpAddress { get; init; }

    /// <summary>The caller's User-Agent, truncated.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The region the caller signed for.</summary>
    public required string Region { get; init; }

    /// <summary>Path, query and body parameters, secrets masked; null when there were none.</summary>
    public JsonObject? RequestParameters { get; init; }

    /// <summary>What the call acted on.</summary>
    public IReadOnlyList<AuditResource> Resources { get; init; } = [];

    /// <summary>The HTTP status answered.</summary>
    public required int StatusCode { get; init; }

    /// <summary>The error name for a failed call (<c>x-amzn-ErrorType</c> or the XML/JSON error code).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The request id answered to the caller.</summary>
    public string? RequestId { get; init; }

    /// <summary>The management path (without base path) for API Gateway calls, e.g. <c>/restapis/a1/stages/prod</c>.</summary>
    public string? ResourcePath { get; init; }

    /// <summary>The response body for successful mutating calls when it is JSON and small, secrets masked; used for configuration history.</summary>
    public JsonNode? ResponseBody { get; init; }

    /// <summary>Whether the call succeeded (2xx).</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
