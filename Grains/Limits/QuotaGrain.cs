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
    /// <inheritdoc />
    public async Task<QuotaGrant> Lease(QuotaLeaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        var ledger = Ledger();
        ledger.Advance(request.Quota, now);
        var grant = ledger.Lease(request, now);
        // Every lease call changes the ledger (a commit, a grant or a new epoch), so it is always written.
        await state.WriteStateAsync();
        if (grant.ValidFor >= QuotaLedger.StandingGrantLifetime)
        {
            // A standing grant's edge is not back for 15-25 minutes. Kept for Orleans' default
            // 15 idle minutes, 100,000 keys seen once were 100,000 activations on the silo's heap
            // (docs/limits-scale.md); the state is written, so the next call reads it back.
            DeactivateOnIdle();
        }
        return grant;
    }

    /// <inheritdoc />
    public async Task<QuotaStatus> GetStatus(QuotaSettings quota)
    {
        var ledger = Ledger();
        if (ledger.Advance(quota, clock.GetUtcNow()))
        {
            await state.WriteStateAsync();
        }
        return ledger.Status();
    }

    /// <inheritdoc />
    public async Task<QuotaStatus> SetRemaining(long remaining, QuotaSettings quota)
    {
        var ledger = Ledger();
        ledger.Advance(quota, clock.GetUtcNow());
        ledger.SetRemaining(remaining);
        await state.WriteStateAsync();
        return ledger.Status();
    }

    // Built per call: storage replaces the state object when it reads it at activation.
    private QuotaLedger Ledger() => new(state.State);
}
