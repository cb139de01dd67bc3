using System.Collections.Frozen;
using OrleansGateway.Grains.Interfaces.Authorizers;
using OrleansGateway.Tests.Grains;

namespace OrleansGateway.Tests.LambdaAuthorizers;

/// <summary>The result grain's single-flight: one asker calls, the others wait for its report; a lapsed grant is taken over.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class AuthorizerResultGrainTests(GrainClusterFixture fixture)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);

    private IAuthorizerResultGrain NewGrain() =>
        fixture.Cluster.Client.GetGrain<IAuthorizerResultGrain>(AuthorizerResultKeys.For("api", "auth", Guid.NewGuid().ToString()));

    private static CachedAuthorizerResult Result(TimeSpan ttl) =>
        new("user-1", "{}", FrozenDictionary<string, string>.Empty, null, null, DateTimeOffset.UtcNow + ttl);

    [Fact]
    public async Task First_asker_is_granted_the_call_and_concurrent_askers_get_its_result()
    {
        var grain = NewGrain();

        var first = await grain.Lookup(Lease);
        var waiting = Enumerable.Range(0, 5).Select(_ => grain.Lookup(Lease)).ToArray();
        await Task.Delay(200);
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        await grain.Complete(first.CallToken, Result(TimeSpan.FromMinutes(5)), null);
        var answers = await Task.WhenAll(waiting);
        var later = await grain.Lookup(Lease);

        Assert.NotEqual(Guid.Empty, first.CallToken);
        Assert.All(answers, a => Assert.Equal("user-1", a.Result?.PrincipalId));
        Assert.Equal("user-1", later.Result?.PrincipalId);
    }

    [Fact]
    public async Task A_failed_call_is_shared_with_waiters_but_not_cached()
    {
        var grain = NewGrain();

        var first = await grain.Lookup(Lease);
        var waiting = grain.Lookup(Lease);
        await Task.Delay(100);
        await grain.Complete(first.CallToken, null, "Unauthorized");
        var shared = await waiting;
        var next = await grain.Lookup(Lease);

        Assert.Equal("Unauthorized", shared.Failure);
        Assert.Null(next.Result);
        Assert.NotEqual(Guid.Empty, next.CallToken);
    }

    [Fact]
    public async Task A_grant_not_reported_in_time_passes_to_the_next_asker_and_the_late_report_is_ignored()
    {
        var grain = NewGrain();

        var first = await grain.Lookup(TimeSpan.FromMilliseconds(300));
        var takeover = await grain.Lookup(Lease);
        await grain.Complete(first.CallToken, Result(TimeSpan.FromMinutes(5)), null);
        var stillUncached = grain.Lookup(Lease);
        await Task.Delay(100);
        Assert.False(stillUncached.IsCompleted);
        await grain.Complete(takeover.CallToken, Result(TimeSpan.FromMinutes(5)) with { PrincipalId = "user-2" }, null);

        Assert.NotEqual(Guid.Empty, takeover.CallToken);
        Assert.NotEqual(first.CallToken, takeover.CallToken);
        Assert.Equal("user-2", (await stillUncached).Result?.PrincipalId);
    }

    [Fact]
    public async Task An_expired_result_is_fetched_again()
    {
        var grain = NewGrain();

        var first = await grain.Lookup(Lease);
        await grain.Complete(first.CallToken, Result(TimeSpan.FromMilliseconds(300)), null);
        var cached = await grain.Lookup(Lease);
        await Task.Delay(400);
        var expired = await grain.Lookup(Lease);

        Assert.NotNull(cached.Result);
        Assert.Null(expired.Result);
        Assert.NotEqual(Guid.Empty, expired.CallToken);
    }

    [Fact]
    public void Grain_keys_hold_a_hash_of_the_identity_never_the_identity()
    {
        var key = AuthorizerResultKeys.For("api1", "auth1", "Bearer secret-token");

        Assert.DoesNotContain("secret", key, StringComparison.Ordinal);
        Assert.Matches("^api1\\|auth1\\|[0-9a-f]{64}$", key);
        Assert.NotEqual(key, AuthorizerResultKeys.For("api1", "auth1", "Bearer secret-token2"));
    }
}
