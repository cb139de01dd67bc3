using System.Threading.Channels;
using OrleansGateway.Grains.Interfaces.Configuration;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Deployments;
using OrleansGateway.Grains.Interfaces.Waf;
using OrleansGateway.Tests.Grains;

namespace OrleansGateway.Tests.Waf.Management;

[Collection(GrainClusterCollection.Name)]
public sealed class WafDirectoryGrainTests(GrainClusterFixture fixture)
{
    private const string ArnPrefix = "arn:aws:wafv2:us-east-1:000000000000:regional";

    private IWafDirectoryGrain Directory => fixture.Cluster.Client.GetGrain<IWafDirectoryGrain>(IWafDirectoryGrain.Key);

    [Fact]
    public async Task Updating_or_deleting_with_a_stale_lock_token_is_an_optimistic_lock_error_and_changes_nothing()
    {
        var created = await Directory.Create(IpSet(NewName(), "192.0.2.0/24"), ArnPrefix);
        var updated = await Directory.Update(created.Id, created.LockToken, IpSet(created.Name, "198.51.100.0/24"));

        var staleUpdate = await Assert.ThrowsAsync<WafException>(() => Directory.Update(created.Id, created.LockToken, IpSet(created.Name, "203.0.113.0/24")));
        var staleDelete = await Assert.ThrowsAsync<WafException>(() => Directory.Delete(WafEntityKind.IpSet, created.Name, created.Id, created.LockToken));

        Assert.Equal(WafErrorType.OptimisticLock, staleUpdate.ErrorType);
        Assert.Equal(WafErrorType.OptimisticLock, staleDelete.ErrorType);
        Assert.NotEqual(created.LockToken, updated.LockToken);
        var current = await Directory.Get(WafEntityKind.IpSet, created.Name, created.Id);
        Assert.Equal(updated.LockToken, current.LockToken);
        Assert.Contains("198.51.100.0/24", current.Body, StringComparison.Ordinal);
        await Directory.Delete(WafEntityKind.IpSet, created.Name, created.Id, updated.LockToken);
    }

    [Fact]
    public async Task A_name_is_unique_within_a_kind_but_may_repeat_across_kinds()
    {
        var name = NewName();
        var ipSet = await Directory.Create(IpSet(name), ArnPrefix);

        var duplicate = await Assert.ThrowsAsync<WafException>(() => Directory.Create(IpSet(name), ArnPrefix));
        var acl = await Directory.Create(WebAcl(name), ArnPrefix);

        Assert.Equal(WafErrorType.DuplicateItem, duplicate.ErrorType);
        Assert.Equal($"{ArnPrefix}/ipset/{name}/{ipSet.Id}", ipSet.Arn);
        Assert.Equal($"{ArnPrefix}/webacl/{name}/{acl.Id}", acl.Arn);
        Assert.Single(await Directory.List(WafEntityKind.IpSet), e => e.Name == name);
    }

    [Fact]
    public async Task A_referenced_ip_set_cannot_be_deleted_until_the_reference_is_gone_and_a_missing_reference_is_refused()
    {
        var ipSet = await Directory.Create(IpSet(NewName()), ArnPrefix);
        var acl = await Directory.Create(WebAcl(NewName(), ipSet.Arn), ArnPrefix);

        var inUse = await Assert.ThrowsAsync<WafException>(() => Directory.Delete(WafEntityKind.IpSet, ipSet.Name, ipSet.Id, ipSet.LockToken));
        var missing = await Assert.ThrowsAsync<WafException>(() => Directory.Create(WebAcl(NewName(), $"{ArnPrefix}/ipset/none/{Guid.NewGuid()}"), ArnPrefix));

        Assert.Equal(WafErrorType.AssociatedItem, inUse.ErrorType);
        Assert.Equal(WafErrorType.NonexistentItem, missing.ErrorType);
        var unreferenced = await Directory.Update(acl.Id, acl.LockToken, WebAcl(acl.Name));
        await Directory.Delete(WafEntityKind.IpSet, ipSet.Name, ipSet.Id, ipSet.LockToken);
        await Directory.Delete(WafEntityKind.WebAcl, acl.Name, acl.Id, unreferenced.LockToken);
        Assert.DoesNotContain(await Directory.List(WafEntityKind.IpSet), e => e.Id == ipSet.Id);
    }

    [Fact]
    public async Task A_stage_has_one_web_acl_reassociating_replaces_it_and_an_associated_acl_cannot_be_deleted()
    {
        var apiId = await CreateStageAsync("prod");
        var first = await Directory.Create(WebAcl(NewName()), ArnPrefix);
        var second = await Directory.Create(WebAcl(NewName()), ArnPrefix);

        await Directory.Associate(first.Arn, apiId, "prod");
        await Directory.Associate(second.Arn, apiId, "prod");

        Assert.Equal(second.Id, (await Directory.GetForStage(apiId, "prod"))?.Id);
        Assert.Empty(await Directory.ListStages(first.Arn));
        Assert.Equal([new WafAssociation(apiId, "prod", second.Arn)], await Directory.ListStages(second.Arn));
        Assert.Contains(new WafAssociation(apiId, "prod", second.Arn), (await Directory.GetSnapshot()).Associations);
        var inUse = await Assert.ThrowsAsync<WafException>(() => Directory.Delete(WafEntityKind.WebAcl, second.Name, second.Id, second.LockToken));
        Assert.Equal(WafErrorType.AssociatedItem, inUse.ErrorType);

        await Directory.Disassociate(apiId, "prod");
        Assert.Null(await Directory.GetForStage(apiId, "prod"));
        Assert.Null(await Directory.GetWebAclArnForStage(apiId, "prod"));
        await Directory.Delete(WafEntityKind.WebAcl, second.Name, second.Id, second.LockToken);
    }

    [Fact]
    public async Task Associating_with_a_stage_or_api_that_does_not_exist_is_a_nonexistent_item()
    {
        var apiId = await CreateStageAsync("prod");
        var acl = await Directory.Create(WebAcl(NewName()), ArnPrefix);

        var unknownStage = await Assert.ThrowsAsync<WafException>(() => Directory.Associate(acl.Arn, apiId, "beta"));
        var unknownApi = await Assert.ThrowsAsync<WafException>(() => Directory.Associate(acl.Arn, "nosuchapi1", "prod"));
        var unknownAcl = await Assert.ThrowsAsync<WafException>(() => Directory.Associate($"{ArnPrefix}/webacl/x/{Guid.NewGuid()}", apiId, "prod"));

        Assert.Equal(WafErrorType.NonexistentItem, unknownStage.ErrorType);
        Assert.Equal(WafErrorType.NonexistentItem, unknownApi.ErrorType);
        Assert.Equal(WafErrorType.NonexistentItem, unknownAcl.ErrorType);
        Assert.Null(await Directory.GetForStage(apiId, "prod"));
    }

    [Fact]
    public async Task Every_change_bumps_the_version_and_is_pushed_to_subscribed_edges()
    {
        var pushes = Channel.CreateUnbounded<long>();
        var reference = fixture.Cluster.Client.CreateObjectReference<IConfigObserver>(new WafObserver(pushes.Writer));
        await fixture.Cluster.Client.GetGrain<IApiCatalogGrain>(IApiCatalogGrain.Key).Subscribe("waf-edge-" + NewName(), reference);
        var before = await Directory.GetVersion();

        var created = await Directory.Create(IpSet(NewName()), ArnPrefix);
        var pushed = await NextPushAtLeast(pushes.Reader, before + 1);

        Assert.Equal(await Directory.GetVersion(), (await Directory.GetSnapshot()).Version);
        Assert.True(pushed > before);
        Assert.Contains((await Directory.GetSnapshot()).Entities, e => e.Id == created.Id);
    }

    private static async Task<long> NextPushAtLeast(ChannelReader<long> reader, long version)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var pushed = await reader.ReadAsync(timeout.Token);
            if (pushed >= version)
            {
                return pushed;
            }
        }
    }

    private async Task<string> CreateStageAsync(string stageName)
    {
        var apiId = Guid.NewGuid().ToString("N")[..10];
        var api = fixture.Cluster.Client.GetGrain<IRestApiGrain>(apiId);
        await api.Create(RestApiGrainTests.Info(apiId, "waf"), RestApiGrainTests.Definition("/pets"));
        await api.CreateDeployment(new CreateDeploymentRequest(stageName, null, null, null, null, null, null));
        return apiId;
    }

    private static WafEntityDraft IpSet(string name, params string[] addresses) =>
        new(WafEntityKind.IpSet, name, null, $$"""{"IPAddressVersion":"IPV4","Addresses":[{{string.Join(',', addresses.Select(a => $"\"{a}\""))}}]}""", [], 0);

    private static WafEntityDraft WebAcl(string name, params string[] references) =>
        new(WafEntityKind.WebAcl, name, null, """{"DefaultAction":{"Allow":{}},"VisibilityConfig":{"MetricName":"m"}}""", references, references.Length);

    private static string NewName() => "t" + Guid.NewGuid().ToString("N")[..12];

    private sealed class WafObserver(ChannelWriter<long> writer) : IConfigObserver
    {
        public Task OnApiChanged(string apiId, long version) => Task.CompletedTask;

        public Task OnUsagePlansChanged(long version) => Task.CompletedTask;

        public Task OnApiKeyChanged(string valueHash, ApiKeyChangeStamp stamp) => Task.CompletedTask;

        public Task OnIamChanged(string accessKeyId) => Task.CompletedTask;

        public Task OnClientCertificateChanged(string certificateId) => Task.CompletedTask;

        public Task OnWafChanged(long version)
        {
            writer.TryWrite(version);
            return Task.CompletedTask;
        }
    }
}
