namespace OrleansGateway.Grains;

/// <summary>Names shared by the silo host and the grains.</summary>
public static class GrainStorage
{
    /// <summary>The grain storage provider holding API definitions, deployments and stages (Redis in cluster mode, memory in dev mode).</summary>
    public const string Name = "gateway";
}
