using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.Management.UsagePlans;

/// <summary>API Gateway's <c>UsagePlan</c>.</summary>
internal sealed record UsagePlanResponse(
    string Id,
    string Name,
    string? Description,
    IReadOnlyList<ApiStageView> ApiStages,
    ThrottleView? Throttle,
    QuotaView? Quota,
    string? ProductCode,
    IReadOnlyDictionary<string, string>? Tags)
{
    /// <summary>Maps a plan.</summary>
    public static UsagePlanResponse From(UsagePlan plan) => new(
        plan.Id,
        plan.Name,
        plan.Description,
        plan.ApiStages.Select(s => new ApiStageView(
            s.ApiId, s.Stage, s.Throttle.Count > 0 ? s.Throttle.ToDictionary(t => t.Key, t => ThrottleView.From(t.Value), StringComparer.Ordinal) : null)).ToList(),
        plan.Throttle is { } throttle ? ThrottleView.From(throttle) : null,
        plan.Quota is { } quota ? new QuotaView(quota.Limit, quota.Offset, quota.Period) : null,
        plan.ProductCode,
        plan.Tags.Count > 0 ? plan.Tags : null);
}

/// <summary>API Gateway's <c>ApiStage</c>.</summary>
internal sealed record ApiStageView(string? ApiId, string? Stage, IReadOnlyDictionary<string, ThrottleView>? Throttle);

/// <summary>API Gateway's <c>ThrottleSettings</c> (members optional on input).</summary>
internal sealed record ThrottleView(int? BurstLimit, double? RateLimit)
{
    /// <summary>Maps settings.</summary>
    public static ThrottleView From(ThrottleSettings settings) => new(settings.BurstLimit, settings.RateLimit);

    /// <summary>The settings; absent members are 0, as API Gateway stores them.</summary>
    public ThrottleSettings ToSettings() => new(RateLimit ?? 0, BurstLimit ?? 0);
}

/// <summary>API Gateway's <c>QuotaSettings</c> (members optional on input).</summary>
internal sealed record QuotaView(int? Limit, int? Offset, string? Period);

/// <summary>CreateUsagePlan's body.</summary>
internal sealed record CreateUsagePlanBody(
    string? Name,
    string? Description,
    IReadOnlyList<ApiStageView?>? ApiStages,
    ThrottleView? Throttle,
    QuotaView? Quota,
    IReadOnlyDictionary<string, string>? Tags);

/// <summary>CreateUsagePlanKey's body.</summary>
internal sealed record CreateUsagePlanKeyBody(string? KeyId, string? KeyType);

/// <summary>API Gateway's <c>UsagePlanKey</c>.</summary>
internal sealed record UsagePlanKeyResponse(string Id, string Type, string? Value, string? Name);
