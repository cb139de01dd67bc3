using OrleansGateway.Edge.DataPlane;

namespace OrleansGateway.Tests.DataPlane;

/// <summary>The store's versioning and bookkeeping.</summary>
public sealed class RoutingTableStoreTests
{
    [Fact]
    public void ApplyInstallsOnlyNewerVersions()
    {
        var store = new RoutingTableStore();

        Assert.Equal(-1, store.VersionOf("abc123"));
        Assert.True(store.Apply(new TestApi().Build(3)));
        Assert.False(store.Apply(new TestApi().Build(3)));
        Assert.False(store.Apply(new TestApi().Build(2)));
        Assert.True(store.Apply(new TestApi().Build(4)));
        Assert.Equal(4, store.VersionOf("abc123"));
    }

    [Fact]
    public void ApiIdsListsInstalledApisAndRemoveForgetsThem()
    {
        var store = new RoutingTableStore();
        store.Apply(new TestApi("one").Build(1));
        store.Apply(new TestApi("two").Build(1));

        Assert.Equal(["one", "two"], store.ApiIds.Order());
        Assert.True(store.Remove("one"));
        Assert.False(store.Remove("one"));
        Assert.Equal(["two"], store.ApiIds);
        Assert.Equal(-1, store.VersionOf("one"));
        // After a removal the API may come back at any version (a re-created API).
        Assert.True(store.Apply(new TestApi("one").Build(1)));
    }

    [Fact]
    public void StoreIsNotReadyUntilMarked()
    {
        var store = new RoutingTableStore();

        Assert.False(store.IsReady);
        store.MarkReady();
        Assert.True(store.IsReady);
    }
}
