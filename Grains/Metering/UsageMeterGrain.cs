using Orleans.Concurrency;
using OrleansGateway.Grains.Interfaces.Metering;

namespace OrleansGateway.Grains.Metering;

/// <summary>
/// Adds up one UTC day's admitted requests for one shard of keys. Writes behind: at most once a
/// second on a timer, and on deactivation, so a silo crash loses at most the last second of counts
/// (see docs/limits.md); writing on every batch would put one Redis write per edge per second per
/// shard on the hot path of metering for no gain in what billing can rely on.
/// </summary>
public sealed class UsageMeterGrain(
    [PersistentState("meter", GrainStorage.Name)] IPersistentState<UsageMeterState> state) : Grain, IUsageMeterGrain
{
    /// <summary>How often pending counts are written.</summary>
    internal static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(1);

    private bool _dirty;
    private IGrainTimer? _writer;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writer = this.RegisterGrainTimer(WriteIfDirtyAsync, new GrainTimerCreationOptions(WriteInterval, WriteInterval));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _writer?.Dispose();
        await WriteIfDirtyAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task Apply(Immutable<UsageBatch> batch)
    {
        var value = batch.Value;
        ArgumentNullException.ThrowIfNull(value);
        if (state.State.LastSequence.TryGetValue(value.EdgeId, out var last) && value.Sequence <= last)
        {
            return Task.CompletedTask;
        }
        foreach (var count in value.Counts)
        {
            if (count.Count <= 0)
            {
                continue;
            }
            if (!state.State.Counts.TryGetValue(count.PlanId, out var keys))
            {
                state.State.Counts[count.PlanId] = keys = new Dictionary<string, long>(StringComparer.Ordinal);
            }
            keys[count.KeyId] = keys.GetValueOrDefault(count.KeyId) + count.Count;
        }
        state.State.LastSequence[value.EdgeId] = value.Sequence;
        _dirty = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UsageCount>> GetCounts(string planId)
    {
        IReadOnlyList<UsageCount> counts = state.State.Counts.TryGetValue(planId, out var keys)
            ? keys.Select(k => new UsageCount(planId, k.Key, k.Value)).ToList()
            : [];
        return Task.FromResult(counts);
    }

    private async Task WriteIfDirtyAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return;
        }
        _dirty = false;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            // Still pending: the next tick tries again.
            _dirty = true;
            throw;
        }
    }
}
