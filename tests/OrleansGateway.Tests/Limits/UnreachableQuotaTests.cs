using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.UsagePlans.Leases;
using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Tests.Limits;

/// <summary>
/// Pure unit test of the edge's quota lease when its grain cannot be reached: it refuses (never
/// over-admits) and says the authority was unreachable, so the gateway answers 503, not "Limit Exceeded".
/// </summary>
public sealed class UnreachableQuotaTests
{
    [Fact]
    public async Task A_quota_whose_grain_cannot_be_reached_refuses_and_says_it_was_unreachable()
    {
        var grains = DispatchProxy.Create<IGrainFactory, UnreachableGrains>();
        var client = new QuotaLeaseClient(grains, new EdgeIdentity("edge-1"), Options.Create(new UsageLeaseOptions()),
            NullLogger<QuotaLeaseClient>.Instance);
        var leases = new QuotaLeases(client, TimeProvider.System);

        var decision = await leases.TryTakeAsync("plan", "key", new QuotaSettings(100, 0, "DAY"), CancellationToken.None);

        Assert.False(decision.Allowed);
        Assert.True(decision.AuthorityUnreachable);
        Assert.True(decision.RetryAfter > TimeSpan.Zero);
    }

    [Fact]
    public async Task Requests_do_not_wait_longer_than_the_lease_call_timeout_for_a_grain_that_does_not_answer()
    {
        // A grain on a silo that died answers nothing until the silo is declared dead: the quota is
        // refused (unreachable) after the lease call timeout, and the throttle falls back to its rate.
        var grains = DispatchProxy.Create<IGrainFactory, SilentGrains>();
        var options = Options.Create(new UsageLeaseOptions { LeaseCallTimeout = TimeSpan.FromMilliseconds(200) });
        var quotas = new QuotaLeases(new QuotaLeaseClient(grains, new EdgeIdentity("edge-1"), options, NullLogger<QuotaLeaseClient>.Instance), TimeProvider.System);
        var throttles = new ThrottleLeases(new ThrottleLeaseClient(grains, new EdgeIdentity("edge-1"), options, NullLogger<ThrottleLeaseClient>.Instance), TimeProvider.System);

        var quota = quotas.TryTakeAsync("plan", "key", new QuotaSettings(100, 0, "DAY"), CancellationToken.None).AsTask();
        var throttle = throttles.TryTakeAsync("bucket", new ThrottleSettings(10, 10), CancellationToken.None).AsTask();

        await Task.WhenAny(Task.WhenAll(quota, throttle), Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.True(quota.IsCompleted && throttle.IsCompleted, "a request waited for a grain that never answered");
        Assert.False((await quota).Allowed);
        Assert.True((await quota).AuthorityUnreachable);
        Assert.True((await throttle).Allowed);
    }

    [Fact]
    public async Task A_cold_key_whose_first_lease_goes_unanswered_does_not_admit_its_standing_allowance_twice()
    {
        // The allowance admits a cold key's first request at once; its lease then goes unanswered and
        // the bucket falls back to its rate on this edge. At 1 request/s with a burst of 1, that
        // fallback must count the request the allowance let through, or it admits a second one.
        var grains = DispatchProxy.Create<IGrainFactory, SilentGrains>();
        var options = Options.Create(new UsageLeaseOptions { BatchClientThrottles = true, LeaseCallTimeout = TimeSpan.FromMilliseconds(200) });
        var throttles = new ThrottleLeases(new ThrottleLeaseClient(grains, new EdgeIdentity("edge-1"), options, NullLogger<ThrottleLeaseClient>.Instance), TimeProvider.System);
        var bucket = ThrottleKeys.Client("plan", "key");
        var slow = new ThrottleSettings(1, 1);

        var first = await throttles.TryTakeAsync(bucket, slow, CancellationToken.None);
        var second = await throttles.TryTakeAsync(bucket, slow, CancellationToken.None);

        Assert.True(first.Allowed);
        Assert.False(second.Allowed);
        Assert.True(second.RetryAfter > TimeSpan.Zero);
    }

    /// <summary>Every grain it hands out fails every call, as when no silo answers.</summary>
    public class UnreachableGrains : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod!.Name == nameof(IGrainFactory.GetGrain) && targetMethod.ReturnType == typeof(IQuotaGrain)
                ? Create<IQuotaGrain, FailingQuotaGrain>()
                : throw new NotSupportedException(targetMethod.Name);
    }

    /// <summary>Every grain it hands out never answers, as one on a silo not yet declared dead.</summary>
    public class SilentGrains : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod!.Name != nameof(IGrainFactory.GetGrain) ? throw new NotSupportedException(targetMethod.Name)
            : targetMethod.ReturnType == typeof(IQuotaGrain) ? Create<IQuotaGrain, SilentGrain>()
            : targetMethod.ReturnType == typeof(IThrottleGrain) ? Create<IThrottleGrain, SilentGrain>()
            : targetMethod.ReturnType == typeof(IThrottleShardGrain) ? Create<IThrottleShardGrain, SilentGrain>()
            : throw new NotSupportedException(targetMethod.ReturnType.Name);
    }

    /// <summary>A grain whose calls never complete.</summary>
    public class SilentGrain : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod!.ReturnType == typeof(Task<QuotaGrant>) ? new TaskCompletionSource<QuotaGrant>().Task
            : targetMethod.ReturnType == typeof(Task<ThrottleShardLeaseReply>) ? new TaskCompletionSource<ThrottleShardLeaseReply>().Task
            : new TaskCompletionSource<ThrottleGrant>().Task;
    }

    /// <summary>An <see cref="IQuotaGrain"/> whose calls fail like a lost silo's.</summary>
    public class FailingQuotaGrain : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            Task.FromException<QuotaGrant>(new TimeoutException("no silo answered"));
    }
}
