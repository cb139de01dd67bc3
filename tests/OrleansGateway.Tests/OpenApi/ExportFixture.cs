using System.Text.Json.Nodes;
using OrleansGateway.Edge.Management.OpenApi;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Deployments;

namespace OrleansGateway.Tests.OpenApi;

/// <summary>Deployments and stages built from import results, as the REST API grain would hold them.</summary>
internal static class ExportFixture
{
    public const string Host = "abc123.execute-api.localhost";
    public static readonly DateTimeOffset DeployedAt = new(2024, 5, 1, 10, 20, 30, TimeSpan.Zero);

    public static DeploymentSnapshot Deploy(OpenApiImportResult result) =>
        Deploy(result.Definition, Api(result.Settings));

    public static DeploymentSnapshot Deploy(ApiDefinition definition, RestApiInfo api) =>
        new("dep123", null, DeployedAt, api, definition);

    public static RestApiInfo Api(ImportedApiSettings settings) => new(
        "abc123",
        settings.Name ?? "unnamed",
        settings.Description,
        settings.Version,
        DeployedAt.AddDays(-1),
        settings.BinaryMediaTypes,
        settings.MinimumCompressionSize,
        settings.ApiKeySource ?? "HEADER",
        settings.EndpointConfiguration ?? EndpointConfiguration.Default,
        settings.Policy,
        new Dictionary<string, string>(),
        settings.DisableExecuteApiEndpoint ?? false,
        []);

    public static StageRecord Stage(string name = "prod") => new(
        name, "dep123", null, new Dictionary<string, string>(), DeployedAt, DeployedAt, false, false, null,
        new Dictionary<string, MethodSetting>(), null, new Dictionary<string, string>(), null, null);

    public static ExportedDocument Export(DeploymentSnapshot deployment, string exportType = "oas30", bool yaml = false, params string[] extensions) =>
        new OpenApiExporter().Export(deployment, Stage(), exportType, yaml, extensions.ToHashSet(), Host);

    /// <summary>The exported body as a JSON tree, whichever format it was written in.</summary>
    public static JsonObject Tree(ExportedDocument exported) =>
        OpenApiDocumentText.Parse(System.Text.Encoding.UTF8.GetBytes(exported.Body));
}
