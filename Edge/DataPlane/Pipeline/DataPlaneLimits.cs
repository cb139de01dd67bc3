namespace OrleansGateway.Edge.DataPlane.Pipeline;

/// <summary>Bounds on what a data-plane request may be, checked before any routing work.</summary>
internal static class DataPlaneLimits
{
    /// <summary>API Gateway's regional URL length limit (path and query).</summary>
    public const int MaxUrlLength = 10_240;
}
