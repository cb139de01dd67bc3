namespace OrleansGateway.Grains.Interfaces.Deployments;

/// <summary>A stage: a named pointer at a deployment plus per-stage settings, as API Gateway's <c>Stage</c>.</summary>
[GenerateSerializer, Immutable, Alias("og.StageRecord")]
public sealed record StageRecord(
    [property: Id(0)] string StageName,
    [property: Id(1)] string DeploymentId,
    [property: Id(2)] string? Description,
    [property: Id(3)] IReadOnlyDictionary<string, string> Variables,
    [property: Id(4)] DateTimeOffset CreatedDate,
    [property: Id(5)] DateTimeOffset LastUpdatedDate,
    [property: Id(6)] bool TracingEnabled,
    [property: Id(7)] bool CacheClusterEnabled,
    [property: Id(8)] string? CacheClusterSize,
    [property: Id(9)] IReadOnlyDictionary<string, MethodSetting> MethodSettings,
    [property: Id(10)] AccessLogSettings? AccessLogSettings,
    [property: Id(11)] IReadOnlyDictionary<string, string> Tags,
    [property: Id(12)] string? ClientCertificateId,
    [property: Id(13)] string? DocumentationVersion);

/// <summary>Per-method stage settings keyed <c>*/*</c> or <c>{path}/{METHOD}</c> (API Gateway's <c>MethodSetting</c>).</summary>
[GenerateSerializer, Immutable, Alias("og.MethodSetting")]
public sealed record MethodSetting(
    [property: Id(0)] bool MetricsEnabled,
    [property: Id(1)] string LoggingLevel,
    [property: Id(2)] bool DataTraceEnabled,
    [property: Id(3)] int ThrottlingBurstLimit,
    [property: Id(4)] double ThrottlingRateLimit,
    [property: Id(5)] bool CachingEnabled,
    [property: Id(6)] int CacheTtlInSeconds,
    [property: Id(7)] bool CacheDataEncrypted,
    [property: Id(8)] bool RequireAuthorizationForCacheControl,
    [property: Id(9)] string UnauthorizedCacheControlHeaderStrategy)
{
    /// <summary>The values API Gateway fills in when a method setting is first created.</summary>
    public static MethodSetting Defaults { get; } = new(
        false, "OFF", false, 5000, 10000.0, false, 300, false, true, "SUCCEED_WITH_RESPONSE_HEADER");
}

/// <summary>Access log destination and <c>$context</c> format string.</summary>
[GenerateSerializer, Immutable, Alias("og.AccessLogSettings")]
public sealed record AccessLogSettings(
    [property: Id(0)] string? Format,
    [property: Id(1)] string? DestinationArn);
