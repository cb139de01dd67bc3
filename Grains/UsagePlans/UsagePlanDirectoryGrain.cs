using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Grains.UsagePlans;

/// <summary>STUB: replaced by the real directory (plans, plan keys, association rules).</summary>
public sealed class UsagePlanDirectoryGrain : Grain, IUsagePlanDirectoryGrain
{
    /// <inheritdoc />
    public Task<UsagePlanSnapshot> GetSnapshot() => Task.FromResult(new UsagePlanSnapshot(0, [])); // STUB

    /// <inheritdoc />
    public Task<long> GetVersion() => Task.FromResult(0L); // STUB

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetPlanKeyIds(string planId) => Task.FromResult<IReadOnlyList<string>>([]); // STUB
}
