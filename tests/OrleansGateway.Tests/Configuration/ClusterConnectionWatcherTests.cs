using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Configuration;
using OrleansGateway.Edge.DataPlane;
using OrleansGateway.Tests.Limits;

namespace OrleansGateway.Tests.Configuration;

/// <summary>What the edge does with its requests when the Orleans client regains a gateway.</summary>
public sealed class ClusterConnectionWatcherTests
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly RoutingTableStore _routes = new();
    private readonly ConfigChangeSignal _signal = new();
    private readonly ClusterConnectionWatcher _watcher;

    public ClusterConnectionWatcherTests()
    {
        _routes.MarkReady();
        _watcher = new ClusterConnectionWatcher(_signal, _routes, Options.Create(new ConfigSyncOptions()), _clock,
            NullLogger<ClusterConnectionWatcher>.Instance);
    }

    [Fact]
    public void Moving_to_another_gateway_at_once_catches_up_while_serving()
    {
        // The silo the edge was connected through died; the client connects to the other one.
        _watcher.NotifyGatewayCountChanged(0, 1, connectionRecovered: false);
        _clock.Advance(TimeSpan.FromMilliseconds(200));
        _watcher.NotifyGatewayCountChanged(1, 0, connectionRecovered: true);

        Assert.True(_routes.IsReady);
        Assert.True(_signal.Reader.TryRead(out var change));
        Assert.Null(change.ApiId);
    }

    [Fact]
    public void Regaining_the_cluster_after_a_long_outage_holds_requests_until_the_catch_up()
    {
        _watcher.NotifyClusterConnectionLost();
        _clock.Advance(TimeSpan.FromSeconds(30));
        _watcher.NotifyGatewayCountChanged(1, 0, connectionRecovered: true);

        Assert.False(_routes.IsReady);
        Assert.True(_signal.Reader.TryRead(out var change));
        Assert.Null(change.ApiId);
    }

    [Fact]
    public void A_recovery_without_a_seen_loss_is_treated_as_a_long_outage()
    {
        _watcher.NotifyGatewayCountChanged(2, 1, connectionRecovered: true);

        Assert.False(_routes.IsReady);
    }

    [Fact]
    public void Gaining_a_second_gateway_changes_nothing()
    {
        _watcher.NotifyGatewayCountChanged(2, 1, connectionRecovered: false);

        Assert.True(_routes.IsReady);
        Assert.False(_signal.Reader.TryRead(out _));
    }
}
