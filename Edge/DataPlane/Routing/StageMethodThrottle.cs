using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.DataPlane.Routing;

/// <summary>A stage method setting's throttle and the grain key of its cluster-wide bucket.</summary>
internal sealed record StageMethodThrottle(string BucketKey, ThrottleSettings Settings);
