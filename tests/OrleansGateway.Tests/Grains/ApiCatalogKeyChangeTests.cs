using System.Threading.Channels;
using OrleansGateway.Grains.Interfaces.Configuration;

namespace OrleansGateway.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class ApiCatalogKeyChangeTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task Key_changes_are_pushed_with_consecutive_stamps_and_listed_to_an_edge_that_missed_them()
    {
        var catalog = fixture.Cluster.GrainFactory.GetGrain<IApiCatalogGrain>(IApiCatalogGrain.Key);
        var pushed = Channel.CreateUnbounded<(string Hash, ApiKeyChangeStamp Stamp)>();
        var observer = new KeyChangeObserver(pushed.Writer);
        var reference = fixture.Cluster.Client.CreateObjectReference<IConfigObserver>(observer);
        await catalog.Subscribe("edge-keys-" + Guid.NewGuid().ToString("N"), reference);
        var before = (await catalog.GetApiKeyChangesSince(null)).Current;
        var first = "hash-" + Guid.NewGuid().ToString("N");
        var second = "hash-" + Guid.NewGuid().ToString("N");

        await catalog.PublishApiKeyChange(first);
        await catalog.PublishApiKeyChange(second);

        var stamps = new Dictionary<string, ApiKeyChangeStamp>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (stamps.Count < 2)
        {
            var (hash, stamp) = await pushed.Reader.ReadAsync(timeout.Token);
            if (hash == first || hash == second)
            {
                stamps[hash] = stamp;
            }
        }
        Assert.Equal(before.Epoch, stamps[first].Epoch);
        // Other tests in the collection publish too: later, not necessarily next.
        Assert.True(stamps[first].Sequence > before.Sequence);
        Assert.True(stamps[second].Sequence > stamps[first].Sequence);

        // An edge whose last applied change was the one before `first` gets both, in order.
        var missed = await catalog.GetApiKeyChangesSince(before);
        var listed = missed.ValueHashes!.Where(h => h == first || h == second).ToList();
        Assert.Equal([first, second], listed);
        Assert.True(missed.Current.Sequence >= stamps[second].Sequence);
        fixture.Cluster.Client.DeleteObjectReference<IConfigObserver>(reference);
    }

    private sealed class KeyChangeObserver(ChannelWriter<(string, ApiKeyChangeStamp)> writer) : IConfigObserver
    {
        public Task OnApiKeyChanged(string valueHash, ApiKeyChangeStamp stamp)
        {
            writer.TryWrite((valueHash, stamp));
            return Task.CompletedTask;
        }

        public Task OnApiChanged(string apiId, long version) => Task.CompletedTask;

        public Task OnUsagePlansChanged(long version) => Task.CompletedTask;

        public Task OnIamChanged(string accessKeyId) => Task.CompletedTask;

        public Task OnClientCertificateChanged(string certificateId) => Task.CompletedTask;

        public Task OnWafChanged(long version) => Task.CompletedTask;
    }
}
