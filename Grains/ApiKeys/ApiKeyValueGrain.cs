using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Grains.Interfaces.Configuration;

namespace OrleansGateway.Grains.ApiKeys;

/// <summary>
/// One API key value, keyed by its hash: the uniqueness claim (one value, one key) and what the
/// data plane resolves. Each change is written, then pushed so edges drop their cached view.
/// Collected after 2 idle minutes, as <see cref="ApiKeyGrain"/> (one per key, rarely called again).
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed class ApiKeyValueGrain(
    [PersistentState("apikeyvalue", GrainStorage.Name)] IPersistentState<ApiKeyValueState> state) : Grain, IApiKeyValueGrain, IApiKeyValueClaimGrain
{
    private string ValueHash => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public Task<ApiKeyIdentity?> Resolve() => Task.FromResult(state.State.Identity);

    /// <inheritdoc />
    public async Task<string> Claim(string keyId, bool enabled)
    {
        if (state.State.Identity is { } holder)
        {
            return holder.KeyId;
        }
        state.State.Identity = new ApiKeyIdentity(keyId, enabled, []);
        await WriteAndPublishAsync();
        return keyId;
    }

    /// <inheritdoc />
    public Task SetEnabled(string keyId, bool enabled) =>
        ChangeAsync(keyId, identity => identity.Enabled == enabled ? null : identity with { Enabled = enabled });

    /// <inheritdoc />
    public Task SetUsagePlans(string keyId, IReadOnlyList<string> usagePlanIds)
    {
        ArgumentNullException.ThrowIfNull(usagePlanIds);
        // The last step of a key's creation or import (the plan association, sent in bulk by the
        // directory): the activation goes now rather than in the collector's once-a-minute sweep,
        // which after a 1,000,000-key import deactivated 400,000 a minute and stalled the silo for
        // seconds. Edges cache what Resolve answers; the next call re-reads one record.
        DeactivateOnIdle();
        return ChangeAsync(keyId, identity =>
            identity.UsagePlanIds.SequenceEqual(usagePlanIds, StringComparer.Ordinal) ? null : identity with { UsagePlanIds = [.. usagePlanIds] });
    }

    /// <inheritdoc />
    public async Task Release(string keyId)
    {
        if (state.State.Identity?.KeyId != keyId)
        {
            return;
        }
        state.State.Identity = null;
        await WriteAndPublishAsync();
    }

    private async Task ChangeAsync(string keyId, Func<ApiKeyIdentity, ApiKeyIdentity?> change)
    {
        if (state.State.Identity is not { } identity || identity.KeyId != keyId || change(identity) is not { } changed)
        {
            return;
        }
        state.State.Identity = changed;
        await WriteAndPublishAsync();
    }

    private async Task WriteAndPublishAsync()
    {
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IApiCatalogGrain>(IApiCatalogGrain.Key).PublishApiKeyChange(ValueHash);
    }
}
