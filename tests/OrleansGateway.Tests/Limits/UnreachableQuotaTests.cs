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

    /// <summary>Every grain it hands out fails every call, as when no silo answers.</summary>
    public class UnreachableGrains : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod!.Name == nameof(IGrainFactory.GetGrain) && targetMethod.ReturnType == typeof(IQuotaGrain)
                ? Create<IQuotaGrain, FailingQuotaGrain>()
                : throw new NotSupportedException(targetMethod.Name);
    }

    /// <summary>An <see cref="IQuotaGrain"/> whose calls fail like a lost silo's.</summary>
    public class FailingQuotaGrain : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            Task.FromException<QuotaGrant>(new TimeoutException("no silo answered"));
    }
}
