using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Grains.Limits;

/// <summary>
/// The authority for one key's quota in one plan. Every change to the ledger is written to storage
/// before the reply leaves: a grain re-activated after a silo crash must know every grant a live
/// edge may still be spending, or it would hand the same units out twice.
/// </summary>
public sealed class QuotaGrain(
    [PersistentState("quota", GrainStorage.Name)] IPersistentState<QuotaState> state,
    TimeProvider clock) : Grain, IQuotaGrain
{
    private readonly QuotaLedger _ledger = new(state.State);

    /// <inheritdoc />
    public async Task<QuotaGrant> Lease(QuotaLeaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        _ledger.Advance(request.Quota, now);
        var grant = _ledger.Lease(request, now);
        // Every lease call changes the ledger (a commit, a grant or a new epoch), so it is always written.
        await state.WriteStateAsync();
        return grant;
    }

    /// <inheritdoc />
    public async Task<QuotaStatus> GetStatus(QuotaSettings quota)
    {
        if (_ledger.Advance(quota, clock.GetUtcNow()))
        {
            await state.WriteStateAsync();
        }
        return _ledger.Status();
    }

    /// <inheritdoc />
    public async Task<QuotaStatus> SetRemaining(long remaining, QuotaSettings quota)
    {
        _ledger.Advance(quota, clock.GetUtcNow());
        _ledger.SetRemaining(remaining);
        await state.WriteStateAsync();
        return _ledger.Status();
    }
}
