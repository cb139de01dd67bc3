using System.Text.Json;

namespace OrleansGateway.Edge.Management.Stages;

/// <summary>
/// CreateStage's JSON body; <c>canarySettings</c> is read only to refuse it. <c>clientCertificateId</c>
/// is not in API Gateway v1's CreateStage (only v2's), but is accepted here too.
/// </summary>
internal sealed record CreateStageBody(
    string? StageName,
    string? DeploymentId,
    string? Description,
    bool? CacheClusterEnabled,
    string? CacheClusterSize,
    IReadOnlyDictionary<string, string>? Variables,
    string? DocumentationVersion,
    JsonElement? CanarySettings,
    bool? TracingEnabled,
    IReadOnlyDictionary<string, string>? Tags,
    string? ClientCertificateId = null);
