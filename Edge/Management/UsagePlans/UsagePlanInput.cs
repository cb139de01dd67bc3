using System.Text.RegularExpressions;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Edge.Management.Stages;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.Management.UsagePlans;

/// <summary>Guards on usage plan ids and bodies; the directory grain checks the plan rules.</summary>
internal static partial class UsagePlanInput
{
    private const int MaxApiStages = 100;
    private const int MaxMethodThrottles = 100;

    /// <summary>The plan id from a URL, or 404.</summary>
    public static string PlanId(string planId) =>
        IdPattern().IsMatch(planId) ? planId : throw ManagementException.NotFound("Invalid Usage Plan ID specified");

    /// <summary>CreateUsagePlan's input; 400 for missing or oversized members.</summary>
    public static UsagePlanCreation Creation(CreateUsagePlanBody? body)
    {
        if (body?.Name is not { } name)
        {
            throw ManagementInput.Missing("createUsagePlanInput", "name");
        }
        if (body.ApiStages is { Count: > MaxApiStages })
        {
            throw ManagementException.BadRequest($"Too many API stages specified. Maximum allowed: {MaxApiStages}");
        }
        var stages = (body.ApiStages ?? []).Select(Stage).ToList();
        return new UsagePlanCreation(
            ManagementInput.Bounded(name, 1024, "name")!,
            ManagementInput.Bounded(body.Description, 1024, "description"),
            stages,
            body.Throttle?.ToSettings(),
            body.Quota is { } quota ? new QuotaSettings(quota.Limit ?? 0, quota.Offset ?? 0, quota.Period ?? string.Empty) : null,
            StageInput.Tags(body.Tags) ?? new Dictionary<string, string>());
    }

    private static UsagePlanApiStage Stage(ApiStageView? stage)
    {
        if (stage is not { ApiId: { Length: > 0 } apiId, Stage: { Length: > 0 } stageName })
        {
            throw ManagementException.BadRequest("Invalid API stage specified: apiId and stage are required");
        }
        if (stage.Throttle is { Count: > MaxMethodThrottles })
        {
            throw ManagementException.BadRequest($"Too many method throttles specified. Maximum allowed: {MaxMethodThrottles}");
        }
        if (!IdPattern().IsMatch(apiId) || !ManagementInput.IsStageName(stageName))
        {
            throw ManagementException.BadRequest($"Invalid API Stage {{api: {Truncate(apiId)}, stage: {Truncate(stageName)}}} specified");
        }
        var throttle = (stage.Throttle ?? new Dictionary<string, ThrottleView>())
            .ToDictionary(t => t.Key, t => (t.Value ?? new ThrottleView(null, null)).ToSettings(), StringComparer.Ordinal);
        return new UsagePlanApiStage(apiId, stageName, throttle);
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "...";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
