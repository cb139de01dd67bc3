using OrleansGateway.Grains.Interfaces.Deployments;
using OrleansGateway.Grains.Interfaces.Management;
using static OrleansGateway.Grains.Patching.PatchOperationRules;

namespace OrleansGateway.Grains.Patching;

/// <summary>
/// The method-setting part of UpdateStage: <c>/{resourcePath}/{METHOD}/{group}/{name}</c> (or
/// <c>/*/*/...</c>) sets one field, <c>remove /{resourcePath}/{METHOD}</c> drops the whole entry.
/// </summary>
/// <remarks>
/// The map key is the resource path as sent (leading slash dropped, inner slashes as <c>~1</c>)
/// plus the method: <c>/~1pets/GET/...</c> keys <c>~1pets/GET</c>, <c>/test/GET/...</c> keys
/// <c>test/GET</c>, as API Gateway's own answers show. ANY is not a valid method here.
/// </remarks>
internal static class MethodSettingsPatcher
{
    private const string Wildcard = "*";

    private static readonly HashSet<string> Methods = new(StringComparer.Ordinal) { "GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD" };
    private static readonly string[] LoggingLevels = ["OFF", "ERROR", "INFO"];
    private static readonly string[] CacheControlStrategies = ["FAIL_WITH_403", "SUCCEED_WITH_RESPONSE_HEADER", "SUCCEED_WITHOUT_RESPONSE_HEADER"];

    /// <summary>Returns the patched settings, or null when <paramref name="operation"/>'s path is not a method-setting path.</summary>
    public static IReadOnlyDictionary<string, MethodSetting>? TryApply(IReadOnlyDictionary<string, MethodSetting> settings, PatchOperation operation)
    {
        var segments = operation.Path.Length > 1 && operation.Path[0] == '/' ? operation.Path[1..].Split('/') : [];

        // remove /{resourcePath}/{METHOD}: the whole entry.
        if (operation.Op == Remove && segments.Length >= 2 && TryKey(segments[..^1], segments[^1], out var removedKey))
        {
            if (!settings.ContainsKey(removedKey))
            {
                // Trailing space as in API Gateway's message.
                throw ManagementException.BadRequest($"Cannot remove method setting {removedKey} because there is no method setting for this method ");
            }
            return settings.Where(s => s.Key != removedKey).ToDictionary(s => s.Key, s => s.Value);
        }

        if (segments.Length < 4 || !TryKey(segments[..^3], segments[^3], out var key))
        {
            return null;
        }
        var field = segments[^2] + "/" + segments[^1];
        if (!IsField(field))
        {
            return null;
        }
        EnsureOp(operation, Add, Replace);

        // A new entry starts from the stage-wide */* entry when there is one, else from API Gateway's defaults.
        var current = settings.TryGetValue(key, out var existing) ? existing
            : settings.TryGetValue("*/*", out var stageWide) ? stageWide
            : MethodSetting.Defaults;
        var updated = Set(current, field, operation);
        var result = settings.ToDictionary(s => s.Key, s => s.Value);
        result[key] = updated;
        return result;
    }

    private static bool TryKey(string[] resourceSegments, string method, out string key)
    {
        key = string.Empty;
        if (resourceSegments.Length == 0 || Array.Exists(resourceSegments, s => s.Length == 0))
        {
            return false;
        }
        var resource = string.Join("~1", resourceSegments);
        var isWildcardResource = resource == Wildcard;
        if (isWildcardResource != (method == Wildcard))
        {
            return false;
        }
        if (!isWildcardResource && !Methods.Contains(method))
        {
            return false;
        }
        key = resource + "/" + method;
        return true;
    }

    private static bool IsField(string field) => field is
        "metrics/enabled" or "logging/dataTrace" or "logging/loglevel" or "throttling/burstLimit" or "throttling/rateLimit"
        or "caching/enabled" or "caching/ttlInSeconds" or "caching/dataEncrypted"
        or "caching/requireAuthorizationForCacheControl" or "caching/unauthorizedCacheControlHeaderStrategy";

    private static MethodSetting Set(MethodSetting setting, string field, PatchOperation operation) => field switch
    {
        "metrics/enabled" => setting with { MetricsEnabled = PatchValues.ParseBoolean(operation) },
        "logging/dataTrace" => setting with { DataTraceEnabled = PatchValues.ParseBoolean(operation) },
        "logging/loglevel" => setting with { LoggingLevel = PatchValues.ParseEnum(operation, LoggingLevels) },
        "throttling/burstLimit" => setting with { ThrottlingBurstLimit = PatchValues.ParseInt32(operation, 0, int.MaxValue) },
        "throttling/rateLimit" => setting with { ThrottlingRateLimit = PatchValues.ParseDouble(operation, 0, 1e9) },
        "caching/enabled" => setting with { CachingEnabled = PatchValues.ParseBoolean(operation) },
        "caching/ttlInSeconds" => setting with { CacheTtlInSeconds = PatchValues.ParseInt32(operation, 0, 3600) },
        "caching/dataEncrypted" => setting with { CacheDataEncrypted = PatchValues.ParseBoolean(operation) },
        "caching/requireAuthorizationForCacheControl" => setting with { RequireAuthorizationForCacheControl = PatchValues.ParseBoolean(operation) },
        "caching/unauthorizedCacheControlHeaderStrategy" => setting with
        {
            UnauthorizedCacheControlHeaderStrategy = PatchValues.ParseEnum(operation, CacheControlStrategies),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a method-setting field"),
    };
}
