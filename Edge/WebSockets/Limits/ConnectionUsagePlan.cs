using OrleansGateway.Edge.UsagePlans;

namespace OrleansGateway.Edge.WebSockets.Limits;

/// <summary>The usage plan and API key a connection's <c>$connect</c> presented; its messages spend that key's throttle and quota.</summary>
internal sealed record ConnectionUsagePlan(PlanForStage Plan, string KeyId);
