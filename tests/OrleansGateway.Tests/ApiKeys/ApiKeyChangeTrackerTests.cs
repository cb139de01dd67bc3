using System.Reflection;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.UsagePlans;
using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Grains.Interfaces.Configuration;
using OrleansGateway.Tests.Limits;

namespace OrleansGateway.Tests.ApiKeys;

/// <summary>
/// Pure unit tests of how numbered key-change pushes reach the edge's key cache (over a fake grain
/// factory that counts lookups): a missed push is noticed and repaired by a catch-up.
/// </summary>
public sealed class ApiKeyChangeTrackerTests : IDisposable
{
    private const string KeyA = "key-value-a-of-twenty-chars";
    private const string KeyB = "key-value-b-of-twenty-chars";

    private readonly IGrainFactory _grains = DispatchProxy.Create<IGrainFactory, ApiKeyCacheRetentionTests.CountingKeyGrains>();
    private readonly ApiKeyValueHash _hash = new(new byte[32]);
    private readonly ApiKeyResolver _resolver;
    private readonly ApiKeyChangeTracker _tracker;

    public ApiKeyChangeTrackerTests()
    {
        _resolver = new ApiKeyResolver(_grains, _hash, Options.Create(new ApiKeyCacheOptions()));
        _tracker = new ApiKeyChangeTracker(_resolver);
    }

    private int Lookups => ((ApiKeyCacheRetentionTests.CountingKeyGrains)(object)_grains).Calls;

    [Fact]
    public async Task A_push_that_follows_the_last_change_applied_drops_that_key_and_asks_for_no_catch_up()
    {
        _tracker.OnCaughtUp(new ApiKeyChanges(new ApiKeyChangeStamp(9, 4), null));
        await _resolver.ResolveAsync(KeyA);
        await _resolver.ResolveAsync(KeyB);

        Assert.False(_tracker.OnPushed(_hash.Compute(KeyA), new ApiKeyChangeStamp(9, 5)));

        await _resolver.ResolveAsync(KeyA);
        await _resolver.ResolveAsync(KeyB);
        Assert.Equal(3, Lookups);
        Assert.Equal(new ApiKeyChangeStamp(9, 5), _tracker.Applied);
    }

    [Fact]
    public async Task A_skipped_push_asks_for_a_catch_up_that_drops_the_key_whose_push_was_lost()
    {
        _tracker.OnCaughtUp(new ApiKeyChanges(new ApiKeyChangeStamp(9, 4), null));
        await _resolver.ResolveAsync(KeyA);
        await _resolver.ResolveAsync(KeyB);

        // Change 5 (key A) was lost; change 6 (key B) arrives.
        Assert.True(_tracker.OnPushed(_hash.Compute(KeyB), new ApiKeyChangeStamp(9, 6)));
        await _resolver.ResolveAsync(KeyA);
        Assert.Equal(2, Lookups);
        Assert.Equal(new ApiKeyChangeStamp(9, 4), _tracker.Applied);

        _tracker.OnCaughtUp(new ApiKeyChanges(new ApiKeyChangeStamp(9, 6), [_hash.Compute(KeyA), _hash.Compute(KeyB)]));

        await _resolver.ResolveAsync(KeyA);
        Assert.Equal(3, Lookups);
        Assert.Equal(new ApiKeyChangeStamp(9, 6), _tracker.Applied);
    }

    [Fact]
    public async Task A_push_from_a_new_catalog_activation_asks_for_a_catch_up_that_drops_every_key()
    {
        _tracker.OnCaughtUp(new ApiKeyChanges(new ApiKeyChangeStamp(9, 4), null));
        await _resolver.ResolveAsync(KeyA);

        Assert.True(_tracker.OnPushed(_hash.Compute(KeyB), new ApiKeyChangeStamp(10, 1)));
        _tracker.OnCaughtUp(new ApiKeyChanges(new ApiKeyChangeStamp(10, 1), null));

        await _resolver.ResolveAsync(KeyA);
        Assert.Equal(2, Lookups);
        Assert.Equal(new ApiKeyChangeStamp(10, 1), _tracker.Applied);
    }

    [Fact]
    public void A_catch_up_answer_older_than_the_pushes_applied_meanwhile_does_not_move_the_stamp_back()
    {
        _tracker.OnCaughtUp(new ApiKeyChanges(new ApiKeyChangeStamp(9, 4), null));
        Assert.False(_tracker.OnPushed(_hash.Compute(KeyA), new ApiKeyChangeStamp(9, 5)));

        _tracker.OnCaughtUp(new ApiKeyChanges(new ApiKeyChangeStamp(9, 4), []));

        Assert.Equal(new ApiKeyChangeStamp(9, 5), _tracker.Applied);
    }

    public void Dispose() => _resolver.Dispose();
}
