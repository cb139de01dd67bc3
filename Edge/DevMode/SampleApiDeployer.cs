using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane;
using OrleansGateway.Edge.Management.OpenApi;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Deployments;

namespace OrleansGateway.Edge.DevMode;

/// <summary>
/// Deploys <c>deploy/samples/petstore.openapi.json</c> as API <see cref="ApiId"/>, stage <c>prod</c>,
/// with the echo backend's address as a stage variable, so the README's first curl works.
/// </summary>
internal sealed partial class SampleApiDeployer(
    IGrainFactory grains,
    RoutingTableStore routes,
    OpenApiImporter importer,
    IOptions<DevModeOptions> options,
    IOptions<Hosting.DataPlaneListenerOptions> dataPlane,
    TimeProvider clock,
    ILogger<SampleApiDeployer> logger) : BackgroundService
{
    /// <summary>A fixed id so the sample's URL is the same on every start.</summary>
    public const string ApiId = "samplepets";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DeploySamples)
        {
            return;
        }
        // The grains live in this process's silo; wait until the edge has synced with it.
        while (!routes.IsReady)
        {
            await Task.Delay(100, stoppingToken);
        }
        try
        {
            var grain = grains.GetGrain<IRestApiGrain>(ApiId);
            if (await grain.TryGet() is null)
            {
                var path = Path.Combine(AppContext.BaseDirectory, "samples", "petstore.openapi.json");
                var imported = importer.Import(await File.ReadAllBytesAsync(path, stoppingToken), new OpenApiImportOptions());
                await grain.Create(imported.Settings.ToNewApi(ApiId, ApiId, clock.GetUtcNow(), imported.Warnings),
                    imported.Definition);
                await grain.CreateDeployment(new CreateDeploymentRequest(
                    "prod", "Sample stage", "Sample deployment",
                    new Dictionary<string, string> { ["echoHost"] = $"127.0.0.1:{options.Value.EchoBackendPort}" },
                    null, null, null));
            }
            Log.Deployed(logger, ApiId, dataPlane.Value.HttpPort);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            Log.Failed(logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Sample API deployed: curl http://{ApiId}.execute-api.localhost:{Port}/prod/pets")]
        public static partial void Deployed(ILogger logger, string apiId, int port);

        [LoggerMessage(2, LogLevel.Error, "Sample API could not be deployed")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
