using OrleansGateway.Grains.Interfaces.Deployments;
using OrleansGateway.Grains.Interfaces.Management;
using static OrleansGateway.Grains.Patching.PatchOperationRules;

namespace OrleansGateway.Grains.Patching;

/// <summary>
/// UpdateStage: applies API Gateway's v1 patch operations to a stage. Pure, so the grain can apply a
/// whole batch to a copy and keep nothing when one operation fails.
/// </summary>
/// <remarks>
/// Accepted paths are those API Gateway lists (see <see cref="ValidPathsText"/>) plus
/// <c>/documentationVersion</c>. Canary settings are not supported: setting them is a 400, removing
/// them is a no-op, and promotion (<c>copy</c> from <c>/canarySettings/...</c>) answers as API
/// Gateway does for a stage without a canary.
/// </remarks>
public static class StagePatcher
{
    /// <summary>The cache sizes (GB) API Gateway offers.</summary>
    public static IReadOnlyList<string> CacheClusterSizes { get; } = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"];

    /// <summary>Longest description, client certificate id or documentation version accepted.</summary>
    public const int MaxTextLength = 1024;

    /// <summary>Longest access-log format accepted.</summary>
    public const int MaxAccessLogFormatLength = 3072;

    /// <summary>
    /// API Gateway's list of valid paths, verbatim (including its missing commas), as it appears in
    /// the "Invalid method setting path" error.
    /// </summary>
    public const string ValidPathsText =
        "[/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, " +
        "/accessLogSettings/destinationArn, /accessLogSettings/format, /{resourcePath}/{httpMethod}/metrics/enabled, " +
        "/{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, " +
        "/{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, " +
        "/{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, " +
        "/{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, " +
        "/{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, " +
        "/*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, " +
        "/*/*/caching/enabled, /*/*/caching/dataEncrypted, /*/*/caching/requireAuthorizationForCacheControl, " +
        "/*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled]";

    private const string VariablesPrefix = "/variables/";
    private const string CanaryPrefix = "/canarySettings";

    /// <summary>
    /// Applies <paramref name="operations"/> in order and stamps <paramref name="now"/> as the last
    /// update; throws <see cref="ManagementException"/> on the first bad operation.
    /// </summary>
    /// <param name="stage">The stage as stored.</param>
    /// <param name="operations">The request's patch operations.</param>
    /// <param name="deploymentExists">Whether a deployment id belongs to the stage's API (for <c>/deploymentId</c>).</param>
    /// <param name="now">The update time.</param>
    public static StageRecord Apply(StageRecord stage, IReadOnlyList<PatchOperation> operations, Func<string, bool> deploymentExists, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(deploymentExists);
        if (operations.Count == 0)
        {
            return stage;
        }
        var current = stage;
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i] with { Path = operations[i].Path ?? string.Empty };
            EnsureKnownOp(operation, i, "updateStageInput");
            current = ApplyOne(current, operation, deploymentExists);
        }
        return current with { LastUpdatedDate = now };
    }

    private static StageRecord ApplyOne(StageRecord stage, PatchOperation operation, Func<string, bool> deploymentExists)
    {
        if (operation.Op == Copy)
        {
            throw InvalidCopy(operation);
        }
        if (operation.Path.StartsWith(CanaryPrefix, StringComparison.Ordinal))
        {
            return PatchCanary(stage, operation);
        }
        switch (operation.Path)
        {
            case "/deploymentId":
                EnsureOp(operation, Replace);
                if (operation.Value is not { Length: > 0 } deploymentId || !deploymentExists(deploymentId))
                {
                    throw ManagementException.BadRequest("Deployment id does not exist");
                }
                return stage with { DeploymentId = deploymentId };
            case "/description":
                EnsureOp(operation, Add, Remove, Replace);
                return stage with { Description = PatchValues.OptionalString(operation, MaxTextLength) };
            case "/clientCertificateId":
                EnsureOp(operation, Add, Remove, Replace);
                return stage with { ClientCertificateId = PatchValues.OptionalString(operation, MaxTextLength) };
            case "/documentationVersion":
                EnsureOp(operation, Add, Remove, Replace);
                return stage with { DocumentationVersion = PatchValues.OptionalString(operation, MaxTextLength) };
            case "/cacheClusterEnabled":
                EnsureOp(operation, Replace);
                return stage with { CacheClusterEnabled = PatchValues.ParseBoolean(operation) };
            case "/cacheClusterSize":
                EnsureOp(operation, Replace);
                return stage with { CacheClusterSize = ParseCacheClusterSize(operation.Value) };
            case "/tracingEnabled":
                EnsureOp(operation, Replace);
                return stage with { TracingEnabled = PatchValues.ParseBoolean(operation) };
            case "/accessLogSettings":
                EnsureOp(operation, Remove);
                return stage with { AccessLogSettings = null };
            case "/accessLogSettings/destinationArn":
                EnsureOp(operation, Add, Remove, Replace);
                return stage with { AccessLogSettings = WithDestination(stage.AccessLogSettings, operation) };
            case "/accessLogSettings/format":
                EnsureOp(operation, Add, Remove, Replace);
                return stage with { AccessLogSettings = WithFormat(stage.AccessLogSettings, operation) };
        }
        if (operation.Path.StartsWith(VariablesPrefix, StringComparison.Ordinal))
        {
            EnsureOp(operation, Add, Remove, Replace);
            return stage with { Variables = PatchVariables(stage.Variables, operation) };
        }
        var methodSettings = MethodSettingsPatcher.TryApply(stage.MethodSettings, operation)
            ?? throw ManagementException.BadRequest($"Invalid method setting path: {operation.Path}. Must be one of: {ValidPathsText}");
        return stage with { MethodSettings = methodSettings };
    }

    /// <summary>Throws unless <paramref name="size"/> is one of <see cref="CacheClusterSizes"/>; returns it.</summary>
    public static string ParseCacheClusterSize(string? size) =>
        size is not null && CacheClusterSizes.Contains(size)
            ? size
            : throw ManagementException.BadRequest(
                $"Invalid cache cluster size specified: {size}. Valid options are {string.Join(", ", CacheClusterSizes)}");

    private static StageRecord PatchCanary(StageRecord stage, PatchOperation operation)
    {
        // No stage ever has a canary here, so removing one leaves the stage as it is.
        if (operation.Op == Remove && operation.Path == CanaryPrefix)
        {
            return stage;
        }
        throw ManagementException.BadRequest("Canary settings are not supported by this gateway.");
    }

    private static ManagementException InvalidCopy(PatchOperation operation)
    {
        var isPromotion = operation.Path is "/deploymentId" or "/variables"
            && operation.From is "/canarySettings/deploymentId" or "/canarySettings/stageVariableOverrides";
        return ManagementException.BadRequest(isPromotion
            ? "Promotion not available. Canary does not exist."
            : $"Invalid copy operation with path: {operation.Path} and from {operation.From}. Valid copy:path are [/deploymentId, /variables] " +
              "and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]");
    }

    private static IReadOnlyDictionary<string, string> PatchVariables(IReadOnlyDictionary<string, string> variables, PatchOperation operation)
    {
        var name = Unescape(operation.Path[VariablesPrefix.Length..]);
        StageVariableRules.ValidateName(name);
        var result = variables.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        if (operation.Op == Remove)
        {
            result.Remove(name);
            return result;
        }
        StageVariableRules.ValidateValue(operation.Value);
        result[name] = operation.Value!;
        StageVariableRules.EnsureCount(result.Count);
        return result;
    }

    private static AccessLogSettings? WithDestination(AccessLogSettings? settings, PatchOperation operation)
    {
        var arn = PatchValues.OptionalString(operation, MaxTextLength);
        if (arn is not null && !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            throw ManagementException.BadRequest("Invalid ARN specified in the request");
        }
        return Normalize(new AccessLogSettings(settings?.Format, arn));
    }

    private static AccessLogSettings? WithFormat(AccessLogSettings? settings, PatchOperation operation)
    {
        var format = PatchValues.OptionalString(operation, MaxAccessLogFormatLength);
        if (format is not null
            && !format.Contains("$context.requestId", StringComparison.Ordinal)
            && !format.Contains("$context.extendedRequestId", StringComparison.Ordinal))
        {
            throw ManagementException.BadRequest("Access Log format must contain at least one of $context.requestId or $context.extendedRequestId");
        }
        if (format is not null && AccessLogVariables.FindUnknown(format) is { Count: > 0 } unknown)
        {
            throw ManagementException.BadRequest($"Access Log format contains unknown $context variables: [{string.Join(", ", unknown)}]");
        }
        return Normalize(new AccessLogSettings(format, settings?.DestinationArn));
    }

    private static AccessLogSettings? Normalize(AccessLogSettings settings) =>
        settings.Format is null && settings.DestinationArn is null ? null : settings;
}
