using System.Threading.Channels;
using OrleansGateway.Grains.Interfaces.Configuration;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Deployments;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class RestApiGrainTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    [Fact]
    public async Task Creating_an_existing_api_is_a_conflict_and_getting_an_unknown_one_is_not_found()
    {
        var id = NewId();
        var grain = Grains.GetGrain<IRestApiGrain>(id);
        var created = await grain.Create(Info(id, "first"), Definition("/pets"));
        Assert.Equal("first", created.Name);

        var conflict = await Assert.ThrowsAsync<ManagementException>(() => grain.Create(Info(id, "again"), Definition("/x")));
        Assert.Equal(ManagementErrorType.Conflict, conflict.ErrorType);
        Assert.Equal("first", (await grain.Get()).Name);

        var missing = await Assert.ThrowsAsync<ManagementException>(() => Grains.GetGrain<IRestApiGrain>(NewId()).Get());
        Assert.Equal(ManagementErrorType.NotFound, missing.ErrorType);
    }

    [Fact]
    public async Task A_deployment_with_a_stage_name_creates_the_stage_and_serves_a_frozen_snapshot()
    {
        var id = NewId();
        var grain = Grains.GetGrain<IRestApiGrain>(id);
        await grain.Create(Info(id, "pets"), Definition("/pets"));
        var before = (await grain.GetServingConfig()).Version;

        var deployment = await grain.CreateDeployment(new CreateDeploymentRequest(
            "prod", null, "first", new Dictionary<string, string> { ["backend"] = "127.0.0.1:9" }, null, null, null));

        var serving = await grain.GetServingConfig();
        Assert.True(serving.Version > before);
        var stage = Assert.Single(serving.Stages);
        Assert.Equal(("prod", deployment.Id, "127.0.0.1:9"), (stage.StageName, stage.DeploymentId, stage.Variables["backend"]));
        Assert.Equal("/pets", Assert.Single(serving.Deployments).Definition.Resources.Last().Path);

        // Editing the working definition does not change what the stage serves until redeployed.
        await grain.PutDefinition(Definition("/owners"), merge: false, Settings("pets"), []);
        var afterEdit = await grain.GetServingConfig();
        Assert.Equal(serving.Version, afterEdit.Version);
        Assert.Equal("/pets", Assert.Single(afterEdit.Deployments).Definition.Resources.Last().Path);
        Assert.Equal("/owners", (await grain.GetDefinition()).Resources.Last().Path);
    }

    [Fact]
    public async Task Merge_keeps_existing_methods_and_overwrite_replaces_them()
    {
        var id = NewId();
        var grain = Grains.GetGrain<IRestApiGrain>(id);
        await grain.Create(Info(id, "pets"), Definition("/pets"));

        await grain.PutDefinition(Definition("/owners"), merge: true, Settings(null), []);
        var merged = (await grain.GetDefinition()).Resources.Select(r => r.Path).ToList();
        Assert.Contains("/pets", merged);
        Assert.Contains("/owners", merged);
        Assert.Equal("pets", (await grain.Get()).Name);

        await grain.PutDefinition(Definition("/stores"), merge: false, Settings("stores"), []);
        var overwritten = (await grain.GetDefinition()).Resources.Select(r => r.Path).ToList();
        Assert.Equal(["/", "/stores"], overwritten);
        Assert.Equal("stores", (await grain.Get()).Name);
    }

    [Fact]
    public async Task Stages_follow_the_rules_for_names_duplicates_and_deployments_in_use()
    {
        var id = NewId();
        var grain = Grains.GetGrain<IRestApiGrain>(id);
        await grain.Create(Info(id, "pets"), Definition("/pets"));
        var deployment = await grain.CreateDeployment(new CreateDeploymentRequest(null, null, null, null, null, null, null));

        var badName = await Assert.ThrowsAsync<ManagementException>(() => grain.CreateStage(Stage("bad name!", deployment.Id)));
        Assert.Equal(ManagementErrorType.BadRequest, badName.ErrorType);

        var unknownDeployment = await Assert.ThrowsAsync<ManagementException>(() => grain.CreateStage(Stage("beta", "nosuch")));
        Assert.Equal(ManagementErrorType.NotFound, unknownDeployment.ErrorType);

        await grain.CreateStage(Stage("beta", deployment.Id));
        var duplicate = await Assert.ThrowsAsync<ManagementException>(() => grain.CreateStage(Stage("beta", deployment.Id)));
        Assert.Equal(ManagementErrorType.Conflict, duplicate.ErrorType);

        var inUse = await Assert.ThrowsAsync<ManagementException>(() => grain.DeleteDeployment(deployment.Id));
        Assert.Equal(ManagementErrorType.BadRequest, inUse.ErrorType);
        Assert.Equal("Active stages pointing to this deployment must be moved or deleted", inUse.Message);

        await grain.DeleteStage("beta");
        await grain.DeleteDeployment(deployment.Id);
        Assert.Empty(await grain.GetDeployments());
    }

    [Fact]
    public async Task Every_serving_change_is_pushed_to_subscribed_edges_and_deletion_empties_the_config()
    {
        var pushes = Channel.CreateUnbounded<(string ApiId, long Version)>();
        var observer = new RecordingObserver(pushes.Writer);
        var reference = fixture.Cluster.Client.CreateObjectReference<IConfigObserver>(observer);
        var catalog = Grains.GetGrain<IApiCatalogGrain>(IApiCatalogGrain.Key);
        await catalog.Subscribe("edge-test-" + NewId(), reference);

        var id = NewId();
        var grain = Grains.GetGrain<IRestApiGrain>(id);
        await grain.Create(Info(id, "pets"), Definition("/pets"));
        var created = await NextPushFor(pushes.Reader, id);

        await grain.CreateDeployment(new CreateDeploymentRequest("prod", null, null, null, null, null, null));
        var deployed = await NextPushFor(pushes.Reader, id);
        Assert.True(deployed > created);
        Assert.Contains(id, await catalog.ListApis());

        await grain.Delete();
        var deleted = await NextPushFor(pushes.Reader, id);
        Assert.True(deleted > deployed);
        Assert.DoesNotContain(id, await catalog.ListApis());
        var serving = await grain.GetServingConfig();
        Assert.Empty(serving.Stages);
        Assert.Equal(deleted, serving.Version);
    }

    private static async Task<long> NextPushFor(ChannelReader<(string ApiId, long Version)> reader, string apiId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var (id, version) = await reader.ReadAsync(timeout.Token);
            if (id == apiId)
            {
                return version;
            }
        }
    }

    private sealed class RecordingObserver(ChannelWriter<(string, long)> writer) : IConfigObserver
    {
        public Task OnApiChanged(string apiId, long version)
        {
            writer.TryWrite((apiId, version));
            return Task.CompletedTask;
        }

        public Task OnUsagePlansChanged(long version) => Task.CompletedTask;

        public Task OnApiKeyChanged(string valueHash, ApiKeyChangeStamp stamp) => Task.CompletedTask;

        public Task OnIamChanged(string accessKeyId) => Task.CompletedTask;

        public Task OnClientCertificateChanged(string certificateId) => Task.CompletedTask;

        public Task OnWafChanged(long version) => Task.CompletedTask;
    }

    private static string NewId() => Guid.NewGuid().ToString("N")[..10];

    private static CreateStageRequest Stage(string name, string deploymentId) =>
        new(name, deploymentId, null, null, false, false, null, null, null);

    private static ImportedApiSettings Settings(string? name) => new(name, null, null, [], null, null, null, null, null);

    internal static RestApiInfo Info(string id, string name) =>
        new(id, name, null, null, DateTimeOffset.UtcNow, [], null, "HEADER", EndpointConfiguration.Default, null,
            new Dictionary<string, string>(), false, []);

    internal static ApiDefinition Definition(string path) =>
        new([
                new ResourceDefinition("/", new Dictionary<string, MethodDefinition>()),
                new ResourceDefinition(path, new Dictionary<string, MethodDefinition>
                {
                    ["GET"] = new("GET", "NONE", null, false, null, new Dictionary<string, bool>(),
                        new IntegrationDefinition("MOCK", null, null, 29000, new Dictionary<string, string>(),
                            new Dictionary<string, string>(), [], null, null, null, [], null),
                        new Dictionary<string, string>(), null, [], null),
                }),
            ],
            new Dictionary<string, string>(), null);
}
