using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.UsagePlans;
using OrleansGateway.Grains.Interfaces.ApiKeys;

namespace OrleansGateway.Tests.Limits;

/// <summary>
/// Pure unit test of the edge's key cache over a fake grain factory: a key used less often than its
/// lifetime ("used in the last hour") is answered from the cache, not after a lookup call.
/// </summary>
public sealed class ApiKeyCacheRetentionTests
{
    [Fact]
    public async Task A_known_key_past_its_lifetime_is_answered_at_once_and_refreshed_in_the_background()
    {
        var grains = DispatchProxy.Create<IGrainFactory, CountingKeyGrains>();
        var lookups = (CountingKeyGrains)(object)grains;
        using var resolver = new ApiKeyResolver(grains, new ApiKeyValueHash(new byte[32]),
            Options.Create(new ApiKeyCacheOptions { KnownKeyLifetime = TimeSpan.FromMilliseconds(200) }));

        Assert.Equal("key-1", (await resolver.ResolveAsync("a-key-value-of-twenty-chars"))!.KeyId);
        Assert.Equal(1, lookups.Calls);
        await Task.Delay(TimeSpan.FromMilliseconds(600));

        var again = resolver.ResolveAsync("a-key-value-of-twenty-chars");
        Assert.True(again.IsCompletedSuccessfully, "a key past its lifetime waited for a lookup");
        Assert.Equal("key-1", (await again)!.KeyId);
        var watch = Stopwatch.StartNew();
        while (lookups.Calls < 2)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the stale entry was never re-read");
            await Task.Delay(20);
        }
    }

    /// <summary>Every key value resolves to the same enabled key; counts the lookups.</summary>
    public class CountingKeyGrains : DispatchProxy
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(IGrainFactory.GetGrain) && targetMethod.ReturnType == typeof(IApiKeyValueGrain))
            {
                var grain = Create<IApiKeyValueGrain, KeyGrain>();
                ((KeyGrain)(object)grain).Owner = this;
                return grain;
            }
            throw new NotSupportedException(targetMethod.Name);
        }

        public class KeyGrain : DispatchProxy
        {
            public CountingKeyGrains? Owner { get; set; }

            protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
            {
                if (targetMethod!.Name != nameof(IApiKeyValueGrain.Resolve))
                {
                    throw new NotSupportedException(targetMethod.Name);
                }
                Interlocked.Increment(ref Owner!._calls);
                return Task.FromResult<ApiKeyIdentity?>(new ApiKeyIdentity("key-1", true, ["plan-1"]));
            }
        }
    }
}
