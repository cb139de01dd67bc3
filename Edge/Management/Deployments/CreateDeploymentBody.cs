using System.Text.Json;

namespace OrleansGateway.Edge.Management.Deployments;

/// <summary>CreateDeployment's JSON body; <c>canarySettings</c> is read only to refuse it.</summary>
internal sealed record CreateDeploymentBody(
    string? StageName,
    string? StageDescription,
    string? Description,
    bool? CacheClusterEnabled,
    string? CacheClusterSize,
    IReadOnlyDictionary<string, string>? Variables,
    JsonElement? CanarySettings,
    bool? TracingEnabled);
