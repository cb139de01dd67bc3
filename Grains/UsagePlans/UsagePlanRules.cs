using System.Globalization;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Grains.UsagePlans;

/// <summary>
/// The limits a usage plan must respect. Absurd numbers are refused rather than clamped, because
/// a typo of a few zeros should not silently turn a limit off.
/// </summary>
internal static class UsagePlanRules
{
    /// <summary>Highest rate or burst accepted (far above API Gateway's 10,000 rps account default).</summary>
    public const double MaxThrottle = 1_000_000;

    /// <summary>API Gateway's quota of method throttles per API stage in a plan.</summary>
    public const int MaxMethodThrottlesPerStage = 20;

    /// <summary>Most plans (API Gateway's default account quota).</summary>
    public const int MaxPlans = 300;

    /// <summary>Most API stages in one plan.</summary>
    public const int MaxApiStagesPerPlan = 100;

    /// <summary>Longest name, description or product code.</summary>
    public const int MaxTextLength = 1024;

    /// <summary>The quota periods API Gateway knows.</summary>
    public static readonly string[] Periods = ["DAY", "WEEK", "MONTH"];

    private static readonly HashSet<string> Methods = new(StringComparer.Ordinal) { "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "*" };

    /// <summary>Throws 400 unless the whole plan is acceptable.</summary>
    public static void Validate(UsagePlan plan)
    {
        if (string.IsNullOrWhiteSpace(plan.Name) || plan.Name.Length > MaxTextLength)
        {
            throw ManagementException.BadRequest($"Invalid usage plan name specified: a name of 1 to {MaxTextLength} characters is required");
        }
        if ((plan.Description?.Length ?? 0) > MaxTextLength || (plan.ProductCode?.Length ?? 0) > MaxTextLength)
        {
            throw ManagementException.BadRequest($"Invalid description or product code: at most {MaxTextLength} characters are allowed");
        }
        if (plan.Throttle is { } throttle)
        {
            ValidateThrottle(throttle, "throttle");
        }
        if (plan.Quota is { } quota)
        {
            ValidateQuota(quota);
        }
        if (plan.ApiStages.Count > MaxApiStagesPerPlan)
        {
            throw ManagementException.BadRequest($"Too many API stages specified. Maximum allowed: {MaxApiStagesPerPlan}");
        }
        var seen = new HashSet<(string, string)>();
        foreach (var stage in plan.ApiStages)
        {
            if (!seen.Add((stage.ApiId, stage.Stage)))
            {
                throw ManagementException.BadRequest($"Duplicate API stage {stage.ApiId}:{stage.Stage} specified");
            }
            if (stage.Throttle.Count > MaxMethodThrottlesPerStage)
            {
                throw ManagementException.BadRequest(
                    $"Too many method throttles for API stage {stage.ApiId}:{stage.Stage}. Maximum allowed: {MaxMethodThrottlesPerStage}");
            }
            foreach (var (method, settings) in stage.Throttle)
            {
                ValidateMethodKey(method);
                ValidateThrottle(settings, $"throttle for {method}");
            }
        }
    }

    /// <summary>Rates and bursts: finite, not negative, at most <see cref="MaxThrottle"/>.</summary>
    public static void ValidateThrottle(ThrottleSettings throttle, string what)
    {
        if (!double.IsFinite(throttle.RateLimit) || throttle.RateLimit < 0 || throttle.RateLimit > MaxThrottle)
        {
            throw ManagementException.BadRequest(
                $"Invalid {what}: rateLimit must be a number between 0 and {MaxThrottle.ToString(CultureInfo.InvariantCulture)}");
        }
        if (throttle.BurstLimit < 0 || throttle.BurstLimit > MaxThrottle)
        {
            throw ManagementException.BadRequest(
                $"Invalid {what}: burstLimit must be an integer between 0 and {MaxThrottle.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Quota: a positive limit, an offset inside it, a known period.</summary>
    public static void ValidateQuota(QuotaSettings quota)
    {
        if (quota.Limit <= 0)
        {
            throw ManagementException.BadRequest("Invalid quota: limit must be greater than 0");
        }
        if (quota.Offset < 0 || quota.Offset >= quota.Limit)
        {
            throw ManagementException.BadRequest("Invalid quota: offset must be at least 0 and less than the limit");
        }
        if (Array.IndexOf(Periods, quota.Period) < 0)
        {
            throw ManagementException.BadRequest($"Invalid quota period '{quota.Period}': must be one of [{string.Join(", ", Periods)}]");
        }
    }

    /// <summary>A method throttle key is <c>{resourcePath}/{METHOD}</c>, e.g. <c>/pets/GET</c> or <c>//GET</c> for the root.</summary>
    public static void ValidateMethodKey(string key)
    {
        var slash = key.LastIndexOf('/');
        if (key.Length > 1024 || slash < 1 || !(key[0] == '/' || key.StartsWith("*/", StringComparison.Ordinal)) || !Methods.Contains(key[(slash + 1)..]))
        {
            throw ManagementException.BadRequest($"Invalid method throttle key '{key}': expected {{resourcePath}}/{{HTTP method}}, e.g. /pets/GET");
        }
    }
}
