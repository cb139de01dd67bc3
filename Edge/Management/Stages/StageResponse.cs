using OrleansGateway.Grains.Interfaces.Deployments;

namespace OrleansGateway.Edge.Management.Stages;

/// <summary>API Gateway's <c>Stage</c>.</summary>
internal sealed record StageResponse(
    string DeploymentId,
    string? ClientCertificateId,
    string StageName,
    string? Description,
    bool CacheClusterEnabled,
    string? CacheClusterSize,
    string CacheClusterStatus,
    IReadOnlyDictionary<string, MethodSettingView> MethodSettings,
    IReadOnlyDictionary<string, string>? Variables,
    string? DocumentationVersion,
    AccessLogSettingsView? AccessLogSettings,
    bool TracingEnabled,
    IReadOnlyDictionary<string, string>? Tags,
    long CreatedDate,
    long LastUpdatedDate,
    string? WebAclArn = null)
{
    /// <summary>Maps a stage; there is no cache cluster to provision, so it is available as soon as enabled.</summary>
    public static StageResponse From(StageRecord stage) => new(
        stage.DeploymentId,
        stage.ClientCertificateId,
        stage.StageName,
        stage.Description,
        stage.CacheClusterEnabled,
        stage.CacheClusterSize,
        stage.CacheClusterEnabled ? "AVAILABLE" : "NOT_AVAILABLE",
        stage.MethodSettings.ToDictionary(s => s.Key, s => MethodSettingView.From(s.Value), StringComparer.Ordinal),
        stage.Variables.Count > 0 ? stage.Variables : null,
        stage.DocumentationVersion,
        stage.AccessLogSettings is { } log ? new AccessLogSettingsView(log.Format, log.DestinationArn) : null,
        stage.TracingEnabled,
        stage.Tags.Count > 0 ? stage.Tags : null,
        stage.CreatedDate.ToUnixTimeSeconds(),
        stage.LastUpdatedDate.ToUnixTimeSeconds());
}

/// <summary>API Gateway's <c>MethodSetting</c>.</summary>
internal sealed record MethodSettingView(
    bool MetricsEnabled,
    string LoggingLevel,
    bool DataTraceEnabled,
    int ThrottlingBurstLimit,
    double ThrottlingRateLimit,
    bool CachingEnabled,
    int CacheTtlInSeconds,
    bool CacheDataEncrypted,
    bool RequireAuthorizationForCacheControl,
    string UnauthorizedCacheControlHeaderStrategy)
{
    /// <summary>Maps a method setting.</summary>
    public static MethodSettingView From(MethodSetting setting) => new(
        setting.MetricsEnabled, setting.LoggingLevel, setting.DataTraceEnabled, setting.ThrottlingBurstLimit,
        setting.ThrottlingRateLimit, setting.CachingEnabled, setting.CacheTtlInSeconds, setting.CacheDataEncrypted,
        setting.RequireAuthorizationForCacheControl, setting.UnauthorizedCacheControlHeaderStrategy);
}

/// <summary>API Gateway's <c>AccessLogSettings</c>.</summary>
internal sealed record AccessLogSettingsView(string? Format, string? DestinationArn);
