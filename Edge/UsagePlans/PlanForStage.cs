using System.Collections.Frozen;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.UsagePlans;

/// <summary>What one usage plan imposes on one API stage it covers, compiled for the request path.</summary>
public sealed record PlanForStage(
    string PlanId,
    ThrottleSettings? Throttle,
    QuotaSettings? Quota,
    FrozenDictionary<string, ThrottleSettings> MethodThrottles);
