using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.UsagePlans;
using OrleansGateway.Grains.Patching;

namespace OrleansGateway.Grains.UsagePlans;

/// <summary>
/// UpdateUsagePlan's patch paths. Works on a copy: the caller validates and stores the result, so a
/// failing operation anywhere in the list leaves the plan untouched.
/// </summary>
internal static class UsagePlanPatcher
{
    private const string ApiStagesPath = "/apiStages";

    /// <summary>Applies every operation to <paramref name="plan"/> and returns the new plan.</summary>
    public static UsagePlan Apply(UsagePlan plan, IReadOnlyList<PatchOperation> operations)
    {
        var stages = plan.ApiStages.Select(s => (s.ApiId, s.Stage, Throttle: new Dictionary<string, ThrottleSettings>(s.Throttle, StringComparer.Ordinal))).ToList();
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            PatchOperationRules.EnsureKnownOp(operation, i, "updateUsagePlanInput");
            var path = operation.Path ?? string.Empty;
            switch (path)
            {
                case "/name":
                    PatchOperationRules.EnsureOp(operation, PatchOperationRules.Replace);
                    plan = plan with { Name = PatchValues.RequireString(operation, UsagePlanRules.MaxTextLength) };
                    break;
                case "/description":
                    PatchOperationRules.EnsureOp(operation, PatchOperationRules.Replace);
                    plan = plan with { Description = PatchValues.OptionalString(operation, UsagePlanRules.MaxTextLength) };
                    break;
                case "/productCode":
                    PatchOperationRules.EnsureOp(operation, PatchOperationRules.Replace);
                    plan = plan with { ProductCode = PatchValues.OptionalString(operation, UsagePlanRules.MaxTextLength) };
                    break;
                case "/throttle":
                    PatchOperationRules.EnsureOp(operation, PatchOperationRules.Remove);
                    plan = plan with { Throttle = null };
                    break;
                case "/throttle/rateLimit":
                    PatchOperationRules.EnsureOp(operation, PatchOperationRules.Replace);
                    plan = plan with { Throttle = (plan.Throttle ?? new ThrottleSettings(0, 0)) with { RateLimit = Rate(operation) } };
                    break;
                case "/throttle/burstLimit":
                    PatchOperationRules.EnsureOp(operation, PatchOperationRules.Replace);
                    plan = plan with { Throttle = (plan.Throttle ?? new ThrottleSettings(0, 0)) with { BurstLimit = Burst(operation) } };
                    break;
                case "/quota":
                    PatchOperationRules.EnsureOp(operation, PatchOperationRules.Remove);
                    plan = plan with { Quota = null };
                    break;
                case "/quota/limit":
                    PatchOperationRules.EnsureOp(operation, PatchOperationRules.Replace);
                    plan = plan with { Quota = Quota(plan) with { Limit = PatchValues.ParseInt32(operation, 1, int.MaxValue) } };
                    break;
                case "/quota/offset":
                    PatchOperationRules.EnsureOp(operation, PatchOperationRules.Replace);
                    plan = plan with { Quota = Quota(plan) with { Offset = PatchValues.ParseInt32(operation, 0, int.MaxValue) } };
                    break;
                case "/quota/period":
                    PatchOperationRules.EnsureOp(operation, PatchOperationRules.Replace);
                    plan = plan with { Quota = Quota(plan) with { Period = PatchValues.ParseEnum(operation, UsagePlanRules.Periods) } };
                    break;
                case ApiStagesPath:
                    PatchOperationRules.EnsureOp(operation, PatchOperationRules.Add, PatchOperationRules.Remove);
                    var (apiId, stage) = StageIdentifier(operation.Value ?? string.Empty);
                    var index = stages.FindIndex(s => s.ApiId == apiId && s.Stage == stage);
                    if (operation.Op == PatchOperationRules.Add)
                    {
                        if (index < 0)
                        {
                            stages.Add((apiId, stage, new Dictionary<string, ThrottleSettings>(StringComparer.Ordinal)));
                        }
                    }
                    else
                    {
                        stages.RemoveAt(index >= 0 ? index : throw NotInPlan(apiId, stage));
                    }
                    break;
                default:
                    ApplyStagePath(stages, operation, path);
                    break;
            }
        }
        return plan with { ApiStages = stages.Select(s => new UsagePlanApiStage(s.ApiId, s.Stage, s.Throttle)).ToList() };
    }

    /// <summary><c>/apiStages/{apiId}:{stage}[/throttle[/{resourcePath}/{METHOD}[/rateLimit|burstLimit]]]</c>.</summary>
    private static void ApplyStagePath(List<(string ApiId, string Stage, Dictionary<string, ThrottleSettings> Throttle)> stages, PatchOperation operation, string path)
    {
        if (!path.StartsWith(ApiStagesPath + "/", StringComparison.Ordinal))
        {
            throw PatchOperationRules.InvalidPath(path);
        }
        var segments = path[(ApiStagesPath.Length + 1)..].Split('/');
        var (apiId, stageName) = StageIdentifier(segments[0]);
        var index = stages.FindIndex(s => s.ApiId == apiId && s.Stage == stageName);
        if (segments.Length == 1)
        {
            // Some clients name the stage in the path rather than in the value.
            PatchOperationRules.EnsureOp(operation, PatchOperationRules.Remove);
            stages.RemoveAt(index >= 0 ? index : throw NotInPlan(apiId, stageName));
            return;
        }
        if (index < 0)
        {
            throw NotInPlan(apiId, stageName);
        }
        var throttle = stages[index].Throttle;
        if (segments[1] != "throttle")
        {
            throw PatchOperationRules.InvalidPath(path);
        }
        switch (segments.Length)
        {
            case 2:
                PatchOperationRules.EnsureOp(operation, PatchOperationRules.Remove);
                throttle.Clear();
                return;
            case 4:
                PatchOperationRules.EnsureOp(operation, PatchOperationRules.Remove);
                if (!throttle.Remove(MethodKey(segments)))
                {
                    throw ManagementException.NotFound($"Invalid method throttle {MethodKey(segments)} specified for API stage {apiId}:{stageName}");
                }
                return;
            case 5 when segments[4] is "rateLimit" or "burstLimit":
                PatchOperationRules.EnsureOp(operation, PatchOperationRules.Replace, PatchOperationRules.Add);
                var key = MethodKey(segments);
                UsagePlanRules.ValidateMethodKey(key);
                var current = throttle.GetValueOrDefault(key) ?? new ThrottleSettings(0, 0);
                throttle[key] = segments[4] == "rateLimit" ? current with { RateLimit = Rate(operation) } : current with { BurstLimit = Burst(operation) };
                return;
            default:
                throw PatchOperationRules.InvalidPath(path);
        }
    }

    // Segments 2 and 3 are the escaped resource path ("~1pets", "~1" for the root) and the method.
    private static string MethodKey(string[] segments) => PatchOperationRules.Unescape(segments[2]) + "/" + segments[3];

    /// <summary>Parses <c>apiId:stage</c>.</summary>
    public static (string ApiId, string Stage) StageIdentifier(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1 || text.Length > 256)
        {
            throw ManagementException.BadRequest($"Invalid API stage '{text}' specified: expected apiId:stage");
        }
        return (text[..colon], text[(colon + 1)..]);
    }

    private static QuotaSettings Quota(UsagePlan plan) => plan.Quota ?? new QuotaSettings(0, 0, string.Empty);

    private static double Rate(PatchOperation operation) => PatchValues.ParseDouble(operation, 0, UsagePlanRules.MaxThrottle);

    private static int Burst(PatchOperation operation) => PatchValues.ParseInt32(operation, 0, (int)UsagePlanRules.MaxThrottle);

    private static ManagementException NotInPlan(string apiId, string stage) =>
        ManagementException.NotFound($"Invalid API stage {apiId}:{stage} specified: it is not in this usage plan");
}
