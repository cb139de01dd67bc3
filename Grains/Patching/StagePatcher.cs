using OrleansGateway.Grains.Interfaces.Deployments;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Grains.Patching;

/// <summary>STUB: replaced by the management branch.</summary>
public static class StagePatcher
{
    /// <summary>Applies UpdateStage patch operations.</summary>
    public static StageRecord Apply(StageRecord stage, IReadOnlyList<PatchOperation> operations, Func<string, bool> deploymentExists, DateTimeOffset now) => throw new NotImplementedException();
}
